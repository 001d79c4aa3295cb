#!/usr/bin/env python3
"""Generate alliances.jsonl, materials.jsonl, suppliers.jsonl and non_suppliers.jsonl.

Run:  .venv/bin/python corpora/gazetteers/build_gazetteers.py
The tables below are the source of truth; edit them and re-run rather than editing the JSONL.
(nations.jsonl / territories.jsonl come from build_nations.py.)
"""
# ---------------------------------------------------------------- ALLIANCES
# norm | kind | aliases (;)  | case-sensitive aliases (;) | extra
# kind: alliance | bloc | forum | export_control_regime | trade_bloc | intergovernmental_organization
ALLIANCES = r"""
NATO | alliance | NATO;North Atlantic Treaty Organization;North Atlantic Treaty Organisation;North Atlantic Alliance;Atlantic Alliance | NATO
EU | bloc | EU;E.U.;European Union;EU-27;EU27 | EU;E.U.;EU-27;EU27
AUKUS | alliance | AUKUS | AUKUS
G7 | forum | G7;G-7;Group of Seven;Group of 7 | G7;G-7
G8 | forum | G8;G-8;Group of Eight;Group of 8 | G8;G-8
G20 | forum | G20;G-20;Group of Twenty;Group of 20 | G20;G-20
G77 | forum | G77;G-77;Group of 77 | G77;G-77
QUAD | forum | Quad;Quadrilateral Security Dialogue;QUAD | Quad;QUAD
ASEAN | bloc | ASEAN;Association of Southeast Asian Nations;Association of South-East Asian Nations;Association of South East Asian Nations | ASEAN
OPEC | intergovernmental_organization | OPEC;Organization of the Petroleum Exporting Countries;Organisation of the Petroleum Exporting Countries;Organization of Petroleum Exporting Countries;Organisation of Petroleum Exporting Countries | OPEC
OPEC+ | forum | OPEC+;OPEC Plus;OPEC-plus;OPEC plus | OPEC+;OPEC Plus;OPEC-plus;OPEC plus
BRICS | bloc | BRICS;BRICS+;BRICS Plus;BRIC | BRICS;BRICS+;BRIC
SCO | intergovernmental_organization | SCO;Shanghai Cooperation Organisation;Shanghai Cooperation Organization | SCO
IPEF | forum | IPEF;Indo-Pacific Economic Framework;Indo-Pacific Economic Framework for Prosperity;Indo Pacific Economic Framework | IPEF
APEC | forum | APEC;Asia-Pacific Economic Cooperation;Asia Pacific Economic Cooperation | APEC
CSTO | alliance | CSTO;Collective Security Treaty Organization;Collective Security Treaty Organisation | CSTO
FIVE EYES | alliance | Five Eyes;FVEY | FVEY
MSP | forum | MSP;Minerals Security Partnership;Mineral Security Partnership;Minerals Security Partnership Forum;MSP Forum | MSP
AU | intergovernmental_organization | AU;African Union | AU
MERCOSUR | trade_bloc | Mercosur;MERCOSUR;Mercosul;Southern Common Market | 
GCC | intergovernmental_organization | GCC;Gulf Cooperation Council;Cooperation Council for the Arab States of the Gulf | GCC
CPTPP | trade_bloc | CPTPP;Comprehensive and Progressive Agreement for Trans-Pacific Partnership;Comprehensive and Progressive Trans-Pacific Partnership;TPP-11;TPP11 | CPTPP
TPP | trade_bloc | TPP;Trans-Pacific Partnership | TPP
RCEP | trade_bloc | RCEP;Regional Comprehensive Economic Partnership | RCEP
EAEU | intergovernmental_organization | EAEU;EEU;Eurasian Economic Union | EAEU;EEU
CIS | intergovernmental_organization | Commonwealth of Independent States;CIS | CIS
UNION STATE | alliance | Union State of Russia and Belarus | 
WASSENAAR | export_control_regime | Wassenaar Arrangement;Wassenaar;Wassenaar Arrangement on Export Controls for Conventional Arms and Dual-Use Goods and Technologies | 
NSG | export_control_regime | NSG;Nuclear Suppliers Group;Nuclear Suppliers' Group | NSG
MTCR | export_control_regime | MTCR;Missile Technology Control Regime | MTCR
AUSTRALIA GROUP | export_control_regime | Australia Group | Australia Group
COCOM | export_control_regime | CoCom;COCOM;Coordinating Committee for Multilateral Export Controls | CoCom;COCOM
OECD | intergovernmental_organization | OECD;Organisation for Economic Co-operation and Development;Organization for Economic Co-operation and Development;Organisation for Economic Cooperation and Development;Organization for Economic Cooperation and Development | OECD
OSCE | intergovernmental_organization | OSCE;Organization for Security and Co-operation in Europe;Organisation for Security and Co-operation in Europe;Organization for Security and Cooperation in Europe | OSCE
ECOWAS | bloc | ECOWAS;Economic Community of West African States | ECOWAS
SADC | bloc | SADC;Southern African Development Community | SADC
EAC | bloc | East African Community;EAC | EAC
CARICOM | bloc | CARICOM;Caribbean Community | CARICOM
OAS | intergovernmental_organization | OAS;Organization of American States;Organisation of American States | OAS
ARAB LEAGUE | intergovernmental_organization | Arab League;League of Arab States | 
OIC | intergovernmental_organization | OIC;Organisation of Islamic Cooperation;Organization of Islamic Cooperation;Organisation of the Islamic Conference | OIC
PIF | forum | Pacific Islands Forum | 
CELAC | bloc | CELAC;Community of Latin American and Caribbean States | CELAC
SAARC | bloc | SAARC;South Asian Association for Regional Cooperation | SAARC
BIMSTEC | bloc | BIMSTEC;Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation | BIMSTEC
IORA | forum | IORA;Indian Ocean Rim Association | IORA
PACIFIC ALLIANCE | trade_bloc | Pacific Alliance;Alianza del Pacífico | 
ANDEAN COMMUNITY | trade_bloc | Andean Community;Comunidad Andina | 
EFTA | trade_bloc | EFTA;European Free Trade Association | EFTA
EEA | trade_bloc | European Economic Area | 
COMMONWEALTH | intergovernmental_organization | Commonwealth of Nations | 
NAM | forum | Non-Aligned Movement | 
ANZUS | alliance | ANZUS | ANZUS
WARSAW PACT | alliance | Warsaw Pact;Warsaw Treaty Organization | 
JEF | alliance | JEF;Joint Expeditionary Force | JEF
NORDEFCO | forum | NORDEFCO;Nordic Defence Cooperation;Nordic Defense Cooperation | NORDEFCO
UDCG | forum | UDCG;Ukraine Defense Contact Group;Ukraine Defence Contact Group;Ramstein Group;Ramstein format | UDCG
V4 | forum | V4;Visegrád Group;Visegrad Group;Visegrád Four;Visegrad Four | V4
B9 | forum | B9;Bucharest Nine | B9
3SI | forum | Three Seas Initiative;3SI | 3SI
WEIMAR TRIANGLE | forum | Weimar Triangle | 
E3 | forum | E3 | E3
I2U2 | forum | I2U2 | I2U2
CHIP 4 | forum | Chip 4;Chip4;Chip 4 Alliance;Fab 4;Fab4 | Chip 4;Chip4;Fab 4;Fab4
SCMA | forum | Sustainable Critical Minerals Alliance;SCMA | SCMA
"""

# Brussels as an acting government nearly always means the EU institutions.
ALLIANCE_METONYMS = {"EU": ["Brussels"]}
ALLIANCE_NOTES = {
    "OECD": "judged a group of states (club of advanced economies); the IEA and NEA are agencies and are in non_suppliers.jsonl",
    "CPTPP": "trade agreement whose parties act as a bloc ('CPTPP members'); kept, unlike USMCA/NAFTA which are named only as agreements",
    "RCEP": "trade agreement widely called a trading bloc; kept",
    "TPP": "pre-2017 bloc; CPTPP is its successor",
    "E3": "France, Germany, UK grouping; 'E3' is also a product/event name in other contexts: case-sensitive, require context",
    "EEA": "'EEA' alone also = European Environment Agency; only the long form is an alias",
    "CIS": "'CIS' is ambiguous (Commonwealth of Independent States vs. other acronyms): case-sensitive, require context",
    "BRICS": "BRIC (pre-2010) and BRICS+ folded into BRICS",
}
# ---------------------------------------------------------------- MATERIALS
# All 118 elements: (name, symbol, Z)
ELEMENTS = """hydrogen H 1;helium He 2;lithium Li 3;beryllium Be 4;boron B 5;carbon C 6;nitrogen N 7;oxygen O 8;
fluorine F 9;neon Ne 10;sodium Na 11;magnesium Mg 12;aluminum Al 13;silicon Si 14;phosphorus P 15;sulfur S 16;
chlorine Cl 17;argon Ar 18;potassium K 19;calcium Ca 20;scandium Sc 21;titanium Ti 22;vanadium V 23;chromium Cr 24;
manganese Mn 25;iron Fe 26;cobalt Co 27;nickel Ni 28;copper Cu 29;zinc Zn 30;gallium Ga 31;germanium Ge 32;
arsenic As 33;selenium Se 34;bromine Br 35;krypton Kr 36;rubidium Rb 37;strontium Sr 38;yttrium Y 39;zirconium Zr 40;
niobium Nb 41;molybdenum Mo 42;technetium Tc 43;ruthenium Ru 44;rhodium Rh 45;palladium Pd 46;silver Ag 47;
cadmium Cd 48;indium In 49;tin Sn 50;antimony Sb 51;tellurium Te 52;iodine I 53;xenon Xe 54;cesium Cs 55;
barium Ba 56;lanthanum La 57;cerium Ce 58;praseodymium Pr 59;neodymium Nd 60;promethium Pm 61;samarium Sm 62;
europium Eu 63;gadolinium Gd 64;terbium Tb 65;dysprosium Dy 66;holmium Ho 67;erbium Er 68;thulium Tm 69;
ytterbium Yb 70;lutetium Lu 71;hafnium Hf 72;tantalum Ta 73;tungsten W 74;rhenium Re 75;osmium Os 76;iridium Ir 77;
platinum Pt 78;gold Au 79;mercury Hg 80;thallium Tl 81;lead Pb 82;bismuth Bi 83;polonium Po 84;astatine At 85;
radon Rn 86;francium Fr 87;radium Ra 88;actinium Ac 89;thorium Th 90;protactinium Pa 91;uranium U 92;
neptunium Np 93;plutonium Pu 94;americium Am 95;curium Cm 96;berkelium Bk 97;californium Cf 98;einsteinium Es 99;
fermium Fm 100;mendelevium Md 101;nobelium No 102;lawrencium Lr 103;rutherfordium Rf 104;dubnium Db 105;
seaborgium Sg 106;bohrium Bh 107;hassium Hs 108;meitnerium Mt 109;darmstadtium Ds 110;roentgenium Rg 111;
copernicium Cn 112;nihonium Nh 113;flerovium Fl 114;moscovium Mc 115;livermorium Lv 116;tennessine Ts 117;oganesson Og 118"""

# Spelling variants (British / IUPAC / older)
ELEMENT_VARIANTS = {
    "aluminum": ["aluminium"], "sulfur": ["sulphur"], "cesium": ["caesium"],
    "tungsten": ["wolfram"], "niobium": ["columbium"],
}

# Symbols that collide with English words, common abbreviations (US states, Co., Sr., AG, Ltd...),
# units, surnames or other entities.  Single-letter symbols are always ambiguous.
AMBIGUOUS_SYMBOLS = set("""In As Be He No At Am Is Co Li Al Pa Md Ne Mo Ca Ar Os Re Sc La Pm Es Fm Er Ho Tm Sr Ba Ag
Pt Tb Pr Ce Eu Se Na Cm Bk Cf Ra Ac Rn Db Mt Cn Fl Ds Hs Ts Mc Lv Nh Og Rf Sg Bh Lr Rg Po Fr Th Br""".split())

# Element names that are common English words in another sense: require a noun reading.
AMBIGUOUS_ELEMENT_NAMES = {"lead", "iron", "gold", "silver", "platinum", "carbon", "mercury"}
# (carbon: 'carbon emissions', 'carbon-neutral' are not material mentions; lead: verb; gold/silver/platinum: ranks)

AMBIGUOUS_EXTRA_ALIASES = {"chrome"}

RARE_EARTH_LIGHT = ["lanthanum", "cerium", "praseodymium", "neodymium", "promethium", "samarium"]
RARE_EARTH_HEAVY = ["europium", "gadolinium", "terbium", "dysprosium", "holmium", "erbium", "thulium",
                    "ytterbium", "lutetium", "yttrium"]
RARE_EARTH_OTHER = ["scandium"]
PGM = ["platinum", "palladium", "rhodium", "iridium", "ruthenium", "osmium"]
NOBLE_GASES = ["helium", "neon", "argon", "krypton", "xenon", "radon"]
ACTINIDES = ["actinium", "thorium", "protactinium", "uranium", "neptunium", "plutonium", "americium", "curium",
             "berkelium", "californium", "einsteinium", "fermium", "mendelevium", "nobelium", "lawrencium"]
PRECIOUS = ["gold", "silver"]
BASE_METALS = ["copper", "nickel", "zinc", "lead", "tin", "aluminum", "iron"]

USGS_2022 = """aluminum antimony arsenic barite beryllium bismuth cerium cesium chromium cobalt dysprosium erbium europium
fluorspar gadolinium gallium germanium graphite hafnium holmium indium iridium lanthanum lithium lutetium magnesium
manganese neodymium nickel niobium palladium platinum praseodymium rhodium rubidium ruthenium samarium scandium
tantalum tellurium terbium thulium tin titanium tungsten vanadium ytterbium yttrium zinc zirconium""".split()

# EU Critical Raw Materials (2023 list, as adopted in the CRM Act annex).  Norms as used in this file.
EU_2023_CRM = """aluminum bauxite alumina antimony arsenic barite beryllium bismuth boron borate cobalt coking_coal copper feldspar
fluorspar gallium germanium hafnium helium heavy_rare_earth_elements light_rare_earth_elements lithium magnesium
manganese graphite nickel niobium phosphate_rock phosphorus platinum_group_metals scandium silicon strontium tantalum
titanium tungsten vanadium""".replace("_", " ").split()
EU_2023_CRM = [x.replace(" ", "_") for x in EU_2023_CRM]  # re-join below
EU_2023_SRM = """aluminum bauxite alumina bismuth boron cobalt copper gallium germanium lithium magnesium manganese graphite nickel
platinum_group_metals rare_earth_elements silicon titanium tungsten""".split()
EU_MAGNET_REE = ["neodymium", "praseodymium", "terbium", "dysprosium", "gadolinium", "samarium", "cerium"]

# Metals that get physical-form aliases folding to the element ("nickel ore" -> nickel).
FORM_METALS = """lithium beryllium magnesium aluminum titanium vanadium chromium manganese iron cobalt nickel copper zinc
gallium germanium arsenic zirconium niobium molybdenum silver cadmium indium tin antimony tellurium tungsten tantalum
hafnium rhenium platinum palladium rhodium iridium ruthenium gold lead bismuth uranium thorium scandium yttrium
strontium cesium rubidium selenium silicon neodymium praseodymium dysprosium terbium lanthanum cerium samarium
gadolinium europium boron calcium sodium potassium barium mercury""".split()
FORMS_ALL = ["ore", "ores", "metal", "concentrate", "concentrates", "powder", "scrap", "ingot", "ingots"]
FORMS_EXTRA = {
    "titanium": ["sponge"], "zirconium": ["sponge"], "hafnium": ["sponge"],
    "copper": ["cathode", "cathodes", "matte", "blister", "anode"], "nickel": ["cathode", "cathodes", "matte", "briquettes"],
    "cobalt": ["cathode", "cathodes"], "zinc": ["cathode"], "gold": ["bullion"], "silver": ["bullion"],
    "platinum": ["sponge"], "palladium": ["sponge"], "iron": ["ore pellets", "ore fines"],
}
for _r in ["lanthanum", "cerium", "praseodymium", "neodymium", "samarium", "europium", "gadolinium", "terbium",
           "dysprosium", "holmium", "erbium", "thulium", "ytterbium", "lutetium", "yttrium", "scandium"]:
    FORMS_EXTRA.setdefault(_r, []).extend(["oxide", "oxides"])
# Whole extra aliases that fold to an element (forms, grades, states).
ELEMENT_EXTRA_ALIASES = {
    "aluminum": ["primary aluminum", "primary aluminium"],
    "silicon": ["metallurgical-grade silicon", "metallurgical grade silicon", "MG-Si"],
    "manganese": ["electrolytic manganese", "electrolytic manganese metal", "EMM", "manganese ore"],
    "lithium": ["lithium brine", "lithium brines", "lithium chemicals", "battery-grade lithium"],
    "cobalt": ["cobalt chemicals", "battery-grade cobalt"],
    "nickel": ["class 1 nickel", "Class 1 nickel", "battery-grade nickel", "refined nickel"],
    "oxygen": ["liquid oxygen", "LOX"], "hydrogen": ["liquid hydrogen", "LH2", "green hydrogen", "blue hydrogen"],
    "uranium": ["natural uranium"], "copper": ["refined copper"], "zinc": ["refined zinc"], "lead": ["refined lead"],
    "magnesium": ["primary magnesium"], "helium": ["liquid helium"], "neon": ["neon gas"],
    "phosphorus": ["elemental phosphorus", "yellow phosphorus"], "sulfur": ["elemental sulfur", "elemental sulphur"],
    "cerium": ["ceria"], "yttrium": ["yttria"], "gallium": ["high-purity gallium"], "germanium": ["germanium ingots"],
    "chromium": ["chrome"], "tungsten": ["tungsten concentrate", "wolfram concentrate"],
}

# Non-element materials.  Format per line:
# norm | kind | parent | aliases (;) | ambiguous aliases (;) | context-only aliases (;) | groups (;)
# kind: class, mineral, compound, alloy, semiconductor, process_chemical, energetic, fuel, nuclear, polymer, composite, ceramic, battery_material
OTHER_MATERIALS = r"""
critical minerals | class | | critical minerals;critical mineral;critical mineral resources;critical and strategic minerals | | |
critical metals | class | | critical metals;critical metal | | |
critical materials | class | | critical materials;critical material | | |
critical minerals and materials | class | | critical minerals and materials;critical materials and minerals | | |
raw materials | class | | raw materials;raw material | | |
critical raw materials | class | | critical raw materials;critical raw material;CRMs | | CRM |
strategic raw materials | class | critical raw materials | strategic raw materials;strategic raw material | | SRMs;SRM |
strategic materials | class | | strategic materials;strategic material;strategic and critical materials | | |
strategic minerals | class | | strategic minerals;strategic mineral;strategic and critical minerals | | |
strategic metals | class | | strategic metals;strategic metal | | |
rare earth elements | class | | rare earth elements;rare earth element;rare-earth elements;rare-earth element;rare earths;rare-earths;rare earth;rare-earth;REE;REEs;rare earth metals;rare-earth metals;rare earth metal;rare earth minerals;rare-earth minerals;rare earth oxides;rare-earth oxides;rare earth oxide;rare earth concentrate;rare earth concentrates;mixed rare earth carbonate;REO;lanthanides;lanthanoids | | MREC | usgs_2022;eu_2023_srm
light rare earth elements | class | rare earth elements | light rare earth elements;light rare earth element;light rare-earth elements;light rare earths;light rare-earths;LREE;LREEs | | | eu_2023_crm
heavy rare earth elements | class | rare earth elements | heavy rare earth elements;heavy rare earth element;heavy rare-earth elements;heavy rare earths;heavy rare-earths;HREE;HREEs | | | eu_2023_crm
platinum group metals | class | | platinum group metals;platinum-group metals;platinum group metal;platinum-group metal;PGMs;PGM;platinum group elements;platinum-group elements;PGEs;platinum metals | | | eu_2023_crm;eu_2023_srm
battery materials | class | | battery materials;battery material;battery minerals;battery metals;battery raw materials;battery-grade materials | | |
base metals | class | | base metals;base metal;non-ferrous metals;nonferrous metals | | |
precious metals | class | | precious metals;precious metal;noble metals | | |
minor metals | class | | minor metals;specialty metals;speciality metals;technology metals;rare metals | | |
refractory metals | class | | refractory metals;refractory metal | | |
ferroalloys | class | | ferroalloys;ferroalloy;ferro-alloys;ferro-alloy | | |
conflict minerals | class | | conflict minerals;3TG | | |
industrial minerals | class | | industrial minerals | | |
noble gases | class | | noble gases;rare gases;inert gases | | |
fossil fuels | class | | fossil fuels;fossil fuel;hydrocarbons | | |
energetic materials | class | | energetic materials;energetic material;energetics | | |
explosives | class | energetic materials | explosives;high explosives;high explosive;secondary explosives;primary explosives;insensitive high explosives;insensitive munitions explosives;military explosives | | HE |
propellants | class | energetic materials | propellants;propellant;solid propellant;solid propellants;solid rocket propellant;rocket propellant;gun propellant;gun propellants;double-base propellant;single-base propellant;triple-base propellant;composite propellant | | |
semiconductor materials | class | | semiconductor materials;semiconductor material;compound semiconductors;compound semiconductor;wide-bandgap semiconductors;wide bandgap semiconductors | | |
electronic chemicals | class | | electronic chemicals;electronic gases;specialty gases;process gases;semiconductor gases;high-purity gases;wet chemicals | | |
specialty chemicals | class | | specialty chemicals;speciality chemicals;fine chemicals | | |
petrochemicals | class | | petrochemicals | | |
bauxite | mineral | aluminum | bauxite | | | eu_2023_crm;eu_2023_srm
alumina | compound | aluminum | alumina;aluminum oxide;aluminium oxide;Al2O3;smelter-grade alumina;high-purity alumina;HPA | | | eu_2023_crm;eu_2023_srm
barite | mineral | barium | barite;baryte;barytes | | | usgs_2022;eu_2023_crm
fluorspar | mineral | fluorine | fluorspar;fluorite;acidspar;acid-grade fluorspar;metspar | | | usgs_2022;eu_2023_crm
graphite | mineral | carbon | graphite;natural graphite;flake graphite;spherical graphite;amorphous graphite;vein graphite;battery-grade graphite;spherical purified graphite;graphite concentrate;graphite anode material | | | usgs_2022;eu_2023_crm;eu_2023_srm
synthetic graphite | compound | graphite | synthetic graphite;artificial graphite;graphite electrodes;graphite electrode | | |
borate | mineral | boron | borate;borates;borate minerals;boric acid;borax;colemanite;ulexite;kernite | | | eu_2023_crm
coking coal | fuel | coal | coking coal;metallurgical coal;met coal;coking-coal;hard coking coal | | | eu_2023_crm
coal | fuel | fossil fuels | coal;thermal coal;steam coal;lignite;anthracite;brown coal | | |
coke | fuel | coal | coke;metallurgical coke;met coke;petroleum coke;petcoke;needle coke | coke | |
feldspar | mineral | | feldspar;feldspars | | | eu_2023_crm
phosphate rock | mineral | phosphorus | phosphate rock;phosphate;phosphates;rock phosphate;phosphorite | phosphate | | eu_2023_crm
potash | mineral | potassium | potash;potassium chloride;muriate of potash;sylvite | | |
crude oil | fuel | fossil fuels | crude oil;oil;crude;petroleum;crude petroleum;Brent crude;WTI crude | crude | |
natural gas | fuel | fossil fuels | natural gas;pipeline gas;methane;shale gas | | |
liquefied natural gas | fuel | natural gas | liquefied natural gas;liquified natural gas;LNG | | |
liquefied petroleum gas | fuel | fossil fuels | liquefied petroleum gas;LPG;propane;butane | | |
diesel | fuel | crude oil | diesel;diesel fuel;gasoil;gas oil | | |
gasoline | fuel | crude oil | gasoline;petrol | | |
jet fuel | fuel | crude oil | jet fuel;aviation fuel;aviation turbine fuel;kerosene;JP-8;JP-5;Jet A;Jet A-1;sustainable aviation fuel | | |
fuel oil | fuel | crude oil | fuel oil;heavy fuel oil;bunker fuel;marine fuel;residual fuel oil | | |
naphtha | fuel | crude oil | naphtha | | |
biofuel | fuel | | biofuel;biofuels;biodiesel;ethanol;bioethanol | | |
ammonia | compound | nitrogen | ammonia;anhydrous ammonia;NH3 | | |
urea | compound | nitrogen | urea | | |
nuclear fuel | nuclear | uranium | nuclear fuel;reactor fuel;TRISO fuel | | |
enriched uranium | nuclear | uranium | enriched uranium;low-enriched uranium;low enriched uranium;LEU;enriched uranium product;EUP | | |
highly enriched uranium | nuclear | uranium | highly enriched uranium;highly-enriched uranium;HEU;weapons-grade uranium | | |
high-assay low-enriched uranium | nuclear | uranium | high-assay low-enriched uranium;high assay low enriched uranium;HALEU | | |
depleted uranium | nuclear | uranium | depleted uranium | | DU |
uranium hexafluoride | nuclear | uranium | uranium hexafluoride;UF6 | | hex |
yellowcake | nuclear | uranium | yellowcake;yellow cake;uranium oxide concentrate;U3O8;triuranium octoxide;uranium ore concentrate;uranium oxide | | |
tritium | nuclear | hydrogen | tritium | | |
deuterium | nuclear | hydrogen | deuterium;heavy water;deuterium oxide | | |
helium-3 | nuclear | helium | helium-3;He-3;3He | | |
lithium-6 | nuclear | lithium | lithium-6;Li-6 | | |
molybdenum-99 | nuclear | molybdenum | molybdenum-99;Mo-99 | | |
cobalt-60 | nuclear | cobalt | cobalt-60;Co-60 | | |
plutonium-238 | nuclear | plutonium | plutonium-238;Pu-238 | | |
weapons-grade plutonium | nuclear | plutonium | weapons-grade plutonium | | |
lithium carbonate | battery_material | lithium | lithium carbonate;Li2CO3;battery-grade lithium carbonate | | |
lithium hydroxide | battery_material | lithium | lithium hydroxide;lithium hydroxide monohydrate;LiOH;battery-grade lithium hydroxide | | |
lithium hexafluorophosphate | battery_material | lithium | lithium hexafluorophosphate;LiPF6 | | |
lithium iron phosphate | battery_material | lithium | lithium iron phosphate;LFP;LiFePO4;lithium-iron-phosphate | | |
lithium manganese iron phosphate | battery_material | lithium | lithium manganese iron phosphate;LMFP | | |
nickel manganese cobalt oxide | battery_material | nickel | nickel manganese cobalt oxide;lithium nickel manganese cobalt oxide;nickel-manganese-cobalt;NMC;NCM | | NMC;NCM |
nickel cobalt aluminum oxide | battery_material | nickel | nickel cobalt aluminum oxide;nickel cobalt aluminium oxide;lithium nickel cobalt aluminum oxide;NCA | | NCA |
lithium cobalt oxide | battery_material | cobalt | lithium cobalt oxide;LCO;LiCoO2 | | |
cathode active material | battery_material | battery materials | cathode active material;cathode active materials;cathode materials;cathode material;precursor cathode active material;pCAM | | CAM |
anode active material | battery_material | battery materials | anode active material;anode active materials;anode materials;anode material | | |
black mass | battery_material | battery materials | black mass | | |
spodumene | mineral | lithium | spodumene;spodumene concentrate;SC6 | | |
lepidolite | mineral | lithium | lepidolite | | |
petalite | mineral | lithium | petalite | | |
nickel sulfate | battery_material | nickel | nickel sulfate;nickel sulphate;NiSO4 | | |
nickel pig iron | alloy | nickel | nickel pig iron;NPI | | |
mixed hydroxide precipitate | battery_material | nickel | mixed hydroxide precipitate;MHP | | |
ferronickel | alloy | nickel | ferronickel;ferro-nickel | | |
laterite | mineral | nickel | laterite;nickel laterite;laterite ore;limonite;saprolite | | |
cobalt sulfate | battery_material | cobalt | cobalt sulfate;cobalt sulphate | | |
cobalt hydroxide | battery_material | cobalt | cobalt hydroxide | | |
cobalt oxide | compound | cobalt | cobalt oxide;cobalt tetroxide | | |
manganese sulfate | battery_material | manganese | manganese sulfate;manganese sulphate;high-purity manganese sulfate;high-purity manganese sulphate;HPMSM | | |
electrolytic manganese dioxide | compound | manganese | electrolytic manganese dioxide | | EMD |
ferromanganese | alloy | manganese | ferromanganese;ferro-manganese;silicomanganese;silico-manganese | | |
ferrochrome | alloy | chromium | ferrochrome;ferrochromium;ferro-chrome | | |
chromite | mineral | chromium | chromite;chrome ore | | |
ferrosilicon | alloy | silicon | ferrosilicon;ferro-silicon | | |
ferrovanadium | alloy | vanadium | ferrovanadium;ferro-vanadium | | |
vanadium pentoxide | compound | vanadium | vanadium pentoxide;V2O5 | | |
vanadium electrolyte | compound | vanadium | vanadium electrolyte | | |
ferroniobium | alloy | niobium | ferroniobium;ferro-niobium | | |
ferromolybdenum | alloy | molybdenum | ferromolybdenum;ferro-molybdenum | | |
ferrotungsten | alloy | tungsten | ferrotungsten;ferro-tungsten | | |
ferrotitanium | alloy | titanium | ferrotitanium;ferro-titanium | | |
ammonium paratungstate | compound | tungsten | ammonium paratungstate;APT | | APT |
tungsten carbide | compound | tungsten | tungsten carbide;cemented carbide;cemented carbides;WC | | WC |
tungsten heavy alloy | alloy | tungsten | tungsten heavy alloy;tungsten heavy alloys;heavy tungsten alloy | | |
tungsten hexafluoride | process_chemical | tungsten | tungsten hexafluoride;WF6 | | |
wolframite | mineral | tungsten | wolframite | | |
scheelite | mineral | tungsten | scheelite | | |
cassiterite | mineral | tin | cassiterite | | |
coltan | mineral | tantalum | coltan;columbite-tantalite;tantalite;columbite | | |
pyrochlore | mineral | niobium | pyrochlore | | |
ilmenite | mineral | titanium | ilmenite | | |
rutile | mineral | titanium | rutile;synthetic rutile | | |
titanium dioxide | compound | titanium | titanium dioxide;TiO2;titania;titanium pigment | | |
titanium tetrachloride | compound | titanium | titanium tetrachloride;TiCl4 | | |
titanium slag | compound | titanium | titanium slag;chloride slag | | |
zircon | mineral | zirconium | zircon;zircon sand | | |
zirconia | compound | zirconium | zirconia;zirconium dioxide;zirconium oxide | | |
monazite | mineral | rare earth elements | monazite;monazite sand;monazite concentrate | | |
bastnaesite | mineral | rare earth elements | bastnaesite;bastnäsite;bastnasite | | |
xenotime | mineral | rare earth elements | xenotime | | |
ionic clay | mineral | rare earth elements | ionic clay;ionic clays;ion-adsorption clay;ion-adsorption clays;ionic adsorption clay;ion adsorption clays | | |
mineral sands | mineral | | mineral sands;heavy mineral sands;heavy mineral concentrate | | |
neodymium-iron-boron | alloy | neodymium | neodymium-iron-boron;neodymium iron boron;NdFeB;Nd-Fe-B;Nd2Fe14B;NIB | | NIB |
samarium-cobalt | alloy | samarium | samarium-cobalt;samarium cobalt;SmCo;Sm-Co;SmCo5;Sm2Co17 | | |
alnico | alloy | | alnico;AlNiCo | | |
praseodymium-neodymium | compound | neodymium | praseodymium-neodymium;NdPr;PrNd;NdPr oxide;PrNd oxide;didymium;neodymium-praseodymium | | |
beryllium oxide | ceramic | beryllium | beryllium oxide;beryllia;BeO | | |
beryllium-copper | alloy | beryllium | beryllium-copper;beryllium copper;copper beryllium;copper-beryllium;BeCu | | |
beryl | mineral | beryllium | beryl | | |
bertrandite | mineral | beryllium | bertrandite | | |
magnesite | mineral | magnesium | magnesite | | |
magnesia | compound | magnesium | magnesia;magnesium oxide;dead-burned magnesia;fused magnesia | | |
dolomite | mineral | magnesium | dolomite | | |
magnesium alloy | alloy | magnesium | magnesium alloy;magnesium alloys | | |
antimony trioxide | compound | antimony | antimony trioxide;antimony oxide | | |
antimony-lead alloy | alloy | antimony | antimony-lead alloy;antimony-lead alloys;lead-antimony alloy;lead-antimony alloys;antimonial lead;hardened lead | | |
stibnite | mineral | antimony | stibnite | | |
magnetite | mineral | iron | magnetite;hematite;haematite | | |
pig iron | alloy | iron | pig iron | | |
direct reduced iron | alloy | iron | direct reduced iron;DRI;hot briquetted iron;HBI;sponge iron | | |
cast iron | alloy | iron | cast iron;ductile iron | | |
steel | alloy | iron | steel;steels;crude steel;carbon steel;steel plate;steel plates;high-strength steel;high strength steel;alloy steel;alloy steels;steel scrap;scrap steel;steel billet;steel billets | | |
stainless steel | alloy | steel | stainless steel;stainless steels | | |
specialty steel | alloy | steel | specialty steel;speciality steel;specialty steels;tool steel;tool steels;maraging steel;high-speed steel | | |
armor steel | alloy | steel | armor steel;armour steel;armor plate;armour plate;rolled homogeneous armor;rolled homogeneous armour;RHA;ballistic steel | | |
electrical steel | alloy | steel | electrical steel;electrical steels;grain-oriented electrical steel;non-grain-oriented electrical steel;silicon steel | | GOES |
aluminum alloy | alloy | aluminum | aluminum alloy;aluminium alloy;aluminum alloys;aluminium alloys;aerospace aluminum;aerospace aluminium | | |
aluminum-lithium alloy | alloy | aluminum | aluminum-lithium alloy;aluminium-lithium alloy;aluminum-lithium;aluminium-lithium;Al-Li | | |
titanium alloy | alloy | titanium | titanium alloy;titanium alloys;Ti-6Al-4V;Ti-6-4;aerospace titanium | | |
superalloy | alloy | nickel | superalloy;superalloys;super alloy;super alloys;nickel-based superalloy;nickel-based superalloys;nickel superalloy;nickel superalloys;cobalt-based superalloy;Inconel;Hastelloy;Waspaloy | | |
zircaloy | alloy | zirconium | zircaloy;zirconium alloy;zirconium alloys | | |
nitinol | alloy | nickel | nitinol;nickel titanium;nickel-titanium | | |
brass | alloy | copper | brass;cartridge brass | brass | |
bronze | alloy | copper | bronze | bronze | |
copper alloy | alloy | copper | copper alloy;copper alloys | | |
solder | alloy | tin | solder;tin-lead solder;lead-free solder | | |
polysilicon | semiconductor | silicon | polysilicon;polycrystalline silicon;poly-Si;poly-silicon;solar-grade polysilicon;electronic-grade polysilicon;semiconductor-grade polysilicon | | |
trichlorosilane | process_chemical | silicon | trichlorosilane | | TCS |
silane | process_chemical | silicon | silane;monosilane;SiH4 | | |
silicon carbide | semiconductor | silicon | silicon carbide;SiC | | |
gallium nitride | semiconductor | gallium | gallium nitride;GaN | | |
gallium arsenide | semiconductor | gallium | gallium arsenide;GaAs | | |
gallium oxide | semiconductor | gallium | gallium oxide;Ga2O3 | | |
indium phosphide | semiconductor | indium | indium phosphide;InP | | |
indium antimonide | semiconductor | indium | indium antimonide;InSb | | |
indium tin oxide | compound | indium | indium tin oxide;ITO | | |
silicon germanium | semiconductor | germanium | silicon germanium;silicon-germanium;SiGe | | |
germanium tetrachloride | process_chemical | germanium | germanium tetrachloride;GeCl4 | | |
germanium dioxide | compound | germanium | germanium dioxide;germanium oxide;GeO2 | | |
mercury cadmium telluride | semiconductor | tellurium | mercury cadmium telluride;HgCdTe;MCT | | MCT |
cadmium telluride | semiconductor | tellurium | cadmium telluride;CdTe | | |
cadmium zinc telluride | semiconductor | tellurium | cadmium zinc telluride;CdZnTe;CZT | | |
zinc selenide | ceramic | selenium | zinc selenide;ZnSe | | |
zinc sulfide | ceramic | zinc | zinc sulfide;zinc sulphide;ZnS | | |
chalcogenide glass | ceramic | | chalcogenide glass;chalcogenide glasses | | |
aluminum nitride | semiconductor | aluminum | aluminum nitride;aluminium nitride;AlN | | |
gallium antimonide | semiconductor | gallium | gallium antimonide;GaSb | | |
lithium niobate | compound | niobium | lithium niobate;LiNbO3 | | |
lithium tantalate | compound | tantalum | lithium tantalate;LiTaO3 | | |
sapphire | ceramic | aluminum | sapphire;synthetic sapphire;sapphire substrates | | |
quartz | mineral | silicon | quartz | | |
high-purity quartz | mineral | silicon | high-purity quartz;high purity quartz;HPQ;high-purity quartz sand | | |
silica | compound | silicon | silica;silicon dioxide;fused silica;silica sand;quartz sand;frac sand;industrial sand | | |
photoresist | process_chemical | electronic chemicals | photoresist;photoresists;photo resist;EUV photoresist;EUV resist;ArF photoresist;KrF photoresist | | |
fluorinated polyimide | process_chemical | electronic chemicals | fluorinated polyimide;fluorinated polyimides | | |
polyimide | polymer | | polyimide;polyimides | | |
hydrogen fluoride | process_chemical | fluorine | hydrogen fluoride;hydrofluoric acid;anhydrous hydrogen fluoride;AHF;high-purity hydrogen fluoride;etching gas | | HF |
nitrogen trifluoride | process_chemical | fluorine | nitrogen trifluoride;NF3 | | |
sulfur hexafluoride | process_chemical | fluorine | sulfur hexafluoride;sulphur hexafluoride;SF6 | | |
arsine | process_chemical | arsenic | arsine;AsH3 | | |
phosphine | process_chemical | phosphorus | phosphine;PH3 | | |
germane | process_chemical | germanium | germane;GeH4 | | |
diborane | process_chemical | boron | diborane;B2H6 | | |
hydrogen chloride | process_chemical | chlorine | hydrogen chloride;hydrochloric acid;HCl | | |
sulfuric acid | compound | sulfur | sulfuric acid;sulphuric acid;H2SO4;oleum | | |
nitric acid | compound | nitrogen | nitric acid;HNO3;red fuming nitric acid;RFNA;white fuming nitric acid;WFNA | | |
hydrogen peroxide | compound | oxygen | hydrogen peroxide;H2O2;high-test peroxide | | HTP |
sodium hydroxide | compound | sodium | sodium hydroxide;caustic soda | | |
soda ash | compound | sodium | soda ash;sodium carbonate;trona | | |
fluoropolymer | polymer | fluorine | fluoropolymer;fluoropolymers;PTFE;polytetrafluoroethylene;Teflon;PVDF;polyvinylidene fluoride | | |
PFAS | compound | fluorine | PFAS;per- and polyfluoroalkyl substances | | |
carbon fiber | composite | carbon | carbon fiber;carbon fibre;carbon fibers;carbon fibres;PAN-based carbon fiber;carbon-fiber;carbon-fibre | | |
carbon fiber reinforced polymer | composite | carbon fiber | carbon fiber reinforced polymer;carbon-fiber-reinforced polymer;carbon fibre reinforced plastic;carbon fiber reinforced plastic;CFRP | | |
polyacrylonitrile | polymer | carbon fiber | polyacrylonitrile;PAN precursor;acrylonitrile | | |
carbon-carbon composite | composite | carbon | carbon-carbon composite;carbon-carbon composites;carbon/carbon;C/C composite | | |
ceramic matrix composite | composite | | ceramic matrix composite;ceramic matrix composites | | CMC;CMCs |
aramid | polymer | | aramid;aramid fiber;aramid fibre;aramid fibers;para-aramid;Kevlar;Twaron | | |
ultra-high-molecular-weight polyethylene | polymer | | ultra-high-molecular-weight polyethylene;ultra-high molecular weight polyethylene;UHMWPE;Dyneema | | |
fiberglass | composite | | fiberglass;fibreglass;glass fiber;glass fibre;glass fibers;E-glass;S-glass | | |
epoxy resin | polymer | | epoxy resin;epoxy resins;epoxy | | |
boron carbide | ceramic | boron | boron carbide;B4C | | |
boron nitride | ceramic | boron | boron nitride | | |
silicon nitride | ceramic | silicon | silicon nitride;Si3N4 | | |
industrial diamond | mineral | carbon | industrial diamond;industrial diamonds;synthetic diamond;synthetic diamonds;lab-grown diamond | | |
diamond | mineral | carbon | diamond;diamonds | diamond;diamonds | |
rubber | polymer | | rubber;natural rubber;synthetic rubber | rubber | |
cement | compound | | cement;Portland cement;clinker | cement | |
cotton linter | compound | nitrocellulose | cotton linter;cotton linters;linters;chemical cotton | | |
wood pulp | compound | nitrocellulose | wood pulp;dissolving pulp | | |
TNT | energetic | explosives | TNT;trinitrotoluene;2,4,6-trinitrotoluene;tri-nitro-toluene | | |
RDX | energetic | explosives | RDX;cyclotrimethylenetrinitramine;hexogen;cyclonite;research department explosive;hexahydro-1,3,5-trinitro-1,3,5-triazine | | |
HMX | energetic | explosives | HMX;octogen;cyclotetramethylene-tetranitramine;cyclotetramethylenetetranitramine;high melting explosive | | |
CL-20 | energetic | explosives | CL-20;CL20;hexanitrohexaazaisowurtzitane;HNIW | | |
PETN | energetic | explosives | PETN;pentaerythritol tetranitrate | | |
TATB | energetic | explosives | TATB;triaminotrinitrobenzene;1,3,5-triamino-2,4,6-trinitrobenzene | | |
tetryl | energetic | explosives | tetryl | | |
picric acid | energetic | explosives | picric acid;trinitrophenol | | |
DNAN | energetic | explosives | DNAN;2,4-dinitroanisole;dinitroanisole | | |
nitrotriazolone | energetic | explosives | nitrotriazolone;3-nitro-1,2,4-triazol-5-one | | NTO |
FOX-7 | energetic | explosives | FOX-7;FOX7;1,1-diamino-2,2-dinitroethene;DADNE | | |
IMX-101 | energetic | explosives | IMX-101;IMX101 | | |
IMX-104 | energetic | explosives | IMX-104;IMX104 | | |
Composition B | energetic | explosives | Composition B;Comp B;Comp-B | | |
C-4 | energetic | explosives | C-4;Composition C-4;Composition C4 | | C4 |
Semtex | energetic | explosives | Semtex | | |
PBX | energetic | explosives | PBX;plastic-bonded explosive;plastic-bonded explosives;polymer-bonded explosive;polymer-bonded explosives;plastic bonded explosive;polymer bonded explosive | | |
ANFO | energetic | explosives | ANFO;ammonium nitrate fuel oil | | |
octol | energetic | explosives | octol | | |
tritonal | energetic | explosives | tritonal | | |
Torpex | energetic | explosives | Torpex | | |
PAX-21 | energetic | explosives | PAX-21;PAX21 | | |
lead azide | energetic | explosives | lead azide | | |
lead styphnate | energetic | explosives | lead styphnate | | |
mercury fulminate | energetic | explosives | mercury fulminate | | |
nitrocellulose | energetic | propellants | nitrocellulose;nitro-cellulose;cellulose nitrate;guncotton;gun cotton;nitrocotton | | NC |
nitroglycerin | energetic | explosives | nitroglycerin;nitroglycerine;nitro-glycerin;glyceryl trinitrate;trinitroglycerin | | NG |
nitroguanidine | energetic | propellants | nitroguanidine;picrite | | NQ |
BTTN | energetic | propellants | BTTN;butanetriol trinitrate;1,2,4-butanetriol trinitrate | | |
butanetriol | energetic | propellants | butanetriol;1,2,4-butanetriol | | BT |
TMETN | energetic | propellants | TMETN;trimethylolethane trinitrate;metriol trinitrate | | |
DEGDN | energetic | propellants | DEGDN;diethylene glycol dinitrate | | |
TEGDN | energetic | propellants | TEGDN;triethylene glycol dinitrate | | |
nitrate esters | energetic | propellants | nitrate esters;nitrate ester | | |
black powder | energetic | propellants | black powder;gunpowder;blackpowder | | |
smokeless powder | energetic | propellants | smokeless powder;smokeless propellant;ball powder;single-base powder;double-base powder | | |
ammonium perchlorate | energetic | propellants | ammonium perchlorate;NH4ClO4 | | AP |
ammonium perchlorate composite propellant | energetic | propellants | ammonium perchlorate composite propellant;APCP | | |
potassium perchlorate | energetic | propellants | potassium perchlorate;KClO4 | | |
perchlorate | energetic | propellants | perchlorate;perchlorates | | |
ammonium nitrate | energetic | explosives | ammonium nitrate;NH4NO3 | | AN |
ammonium dinitramide | energetic | propellants | ammonium dinitramide | | ADN |
potassium nitrate | energetic | propellants | potassium nitrate;saltpeter;saltpetre;niter;nitre | | |
sodium nitrate | compound | sodium | sodium nitrate;Chile saltpeter | | |
HTPB | energetic | propellants | HTPB;hydroxyl-terminated polybutadiene;hydroxyl terminated polybutadiene | | |
glycidyl azide polymer | energetic | propellants | glycidyl azide polymer | | GAP |
hydrazine | energetic | propellants | hydrazine;N2H4 | | |
monomethylhydrazine | energetic | propellants | monomethylhydrazine;MMH | | |
UDMH | energetic | propellants | UDMH;unsymmetrical dimethylhydrazine | | |
nitrogen tetroxide | energetic | propellants | nitrogen tetroxide;dinitrogen tetroxide;N2O4 | | |
white phosphorus | energetic | phosphorus | white phosphorus;red phosphorus | | WP |
thermite | energetic | explosives | thermite | | |
toluene | compound | crude oil | toluene;nitration-grade toluene | | |
diphenylamine | compound | propellants | diphenylamine;ethyl centralite;akardite | | |
carbon black | compound | carbon | carbon black | | |
activated carbon | compound | carbon | activated carbon;activated charcoal | | |
graphene | compound | carbon | graphene | | |
carbon nanotubes | compound | carbon | carbon nanotubes;carbon nanotube;CNTs;CNT | | |
glycerin | compound | | glycerin;glycerine;glycerol | | |
active pharmaceutical ingredients | compound | | active pharmaceutical ingredients;active pharmaceutical ingredient | | API;APIs |
"""
# ---------------------------------------------------------------- SUPPLIERS
# norm | HQ alpha-3 | sector | legal-suffix codes (,) | extra aliases (;), '!' prefix = ambiguous alias | kind (default company)
SUPPLIERS = r"""
# --- US defense primes, tier-2s, services
Lockheed Martin | USA | defense | corp | Lockheed;Lockheed Martin Aeronautics;Lockheed Martin Missiles and Fire Control;Lockheed Martin Space;Lockheed Martin Rotary and Mission Systems
RTX | USA | defense | corp | Raytheon;Raytheon Technologies;Raytheon Technologies Corp.;Raytheon Technologies Corporation;Raytheon Company;Raytheon Co.;Raytheon Missiles & Defense;Raytheon Missiles and Defense;Raytheon Intelligence & Space;United Technologies;United Technologies Corporation;!UTC
Pratt & Whitney | USA | aerospace | | Pratt and Whitney;Pratt & Whitney Canada;P&W
Collins Aerospace | USA | aerospace | | Rockwell Collins;UTC Aerospace Systems;Goodrich
Northrop Grumman | USA | defense | corp | Northrop;Northrop Grumman Innovation Systems;Northrop Grumman Defense Systems;Northrop Grumman Space Systems;Northrop Grumman Mission Systems
Orbital ATK | USA | energetics | inc | ATK;Alliant Techsystems;Alliant Techsystems Inc.;Orbital Sciences;Orbital Sciences Corporation
General Dynamics | USA | defense | corp | !GD
General Dynamics Electric Boat | USA | shipbuilding | | Electric Boat;GD Electric Boat;Electric Boat Corporation
General Dynamics Land Systems | USA | defense | | GDLS;GD Land Systems
General Dynamics Ordnance and Tactical Systems | USA | energetics | | GD-OTS;GD OTS;General Dynamics OTS;General Dynamics-OTS;General Dynamics Ordnance & Tactical Systems
General Dynamics Mission Systems | USA | defense | | GDMS
General Dynamics Information Technology | USA | services | | GDIT
General Dynamics European Land Systems | AUT | defense | | GDELS;General Dynamics European Land Systems-Santa Bárbara;Santa Bárbara Sistemas;Santa Barbara Sistemas;Mowag;Steyr-Daimler-Puch Spezialfahrzeug
Bath Iron Works | USA | shipbuilding | corp | BIW
NASSCO | USA | shipbuilding | | General Dynamics NASSCO;National Steel and Shipbuilding Company;National Steel and Shipbuilding Co.
Gulfstream | USA | aerospace | | Gulfstream Aerospace;Gulfstream Aerospace Corporation
Boeing | USA | aerospace | co | Boeing Co.;The Boeing Company;Boeing Defense, Space & Security;Boeing Defense;Boeing Commercial Airplanes;Boeing Global Services;McDonnell Douglas
L3Harris | USA | defense | | L3Harris Technologies;L3Harris Technologies Inc.;L3Harris Technologies, Inc.;L3 Technologies;L-3 Communications;L3;Harris Corporation;Harris Corp.
Aerojet Rocketdyne | USA | energetics | | Aerojet Rocketdyne Holdings;Aerojet;Rocketdyne;GenCorp
Huntington Ingalls Industries | USA | shipbuilding | inc | HII;Huntington Ingalls;Huntington Ingalls Industries Inc.
Newport News Shipbuilding | USA | shipbuilding | | Newport News Shipbuilding and Dry Dock Company;HII Newport News Shipbuilding;!Newport News
Ingalls Shipbuilding | USA | shipbuilding | | HII Ingalls Shipbuilding;Ingalls
Textron | USA | defense | inc | Textron Systems;Textron Aviation
Bell Textron | USA | aerospace | | Bell Helicopter;Bell Helicopter Textron;!Bell
Sikorsky | USA | aerospace | | Sikorsky Aircraft;Sikorsky Aircraft Corporation;Lockheed Martin Sikorsky
Leidos | USA | services | inc | Leidos Holdings
SAIC | USA | services | | Science Applications International Corporation;Science Applications International Corp.
Booz Allen Hamilton | USA | services | inc | Booz Allen;Booz Allen Hamilton Holding Corporation
CACI | USA | services | | CACI International;CACI International Inc
Parsons | USA | services | corp | !Parsons
KBR | USA | services | inc | Kellogg Brown & Root
ManTech | USA | services | | ManTech International
Amentum | USA | services | | Amentum Holdings
V2X | USA | services | inc | Vectrus
Jacobs | USA | services | | Jacobs Engineering;Jacobs Solutions;!Jacobs
Fluor | USA | services | corp | 
Bechtel | USA | services | corp | 
Honeywell | USA | industrial | | Honeywell International;Honeywell International Inc.;Honeywell Aerospace
GE Aerospace | USA | aerospace | | General Electric;General Electric Company;General Electric Co.;GE;GE Aviation
GE Vernova | USA | energy | | GE Power;GE Renewable Energy
Oshkosh | USA | defense | corp | Oshkosh Defense;!Oshkosh
AM General | USA | defense | llc | 
Anduril | USA | defense | | Anduril Industries;Anduril Industries Inc.
Palantir | USA | technology | | Palantir Technologies;Palantir Technologies Inc.
SpaceX | USA | aerospace | | Space Exploration Technologies;Space Exploration Technologies Corp.
Blue Origin | USA | aerospace | llc | 
United Launch Alliance | USA | aerospace | llc | ULA
Rocket Lab | USA | aerospace | | Rocket Lab USA
Firefly Aerospace | USA | aerospace | | !Firefly
Relativity Space | USA | aerospace | | 
Sierra Nevada Corporation | USA | aerospace | | SNC;Sierra Nevada Corp.;Sierra Nevada
Sierra Space | USA | aerospace | | 
Kratos | USA | defense | | Kratos Defense & Security Solutions;Kratos Defense and Security Solutions
AeroVironment | USA | defense | inc | 
Mercury Systems | USA | defense | inc | 
Curtiss-Wright | USA | defense | corp | Curtiss Wright
TransDigm | USA | aerospace | | TransDigm Group
HEICO | USA | aerospace | corp | 
Moog | USA | aerospace | inc | 
Woodward | USA | aerospace | inc | !Woodward
Howmet Aerospace | USA | aerospace | inc | Howmet
Arconic | USA | industrial | corp | 
Precision Castparts | USA | aerospace | corp | PCC;Precision Castparts Corp.
Special Metals | USA | industrial | corp | !Special Metals
ATI | USA | industrial | inc | Allegheny Technologies;Allegheny Technologies Incorporated;ATI Specialty Materials
Carpenter Technology | USA | industrial | corp | !Carpenter
Haynes International | USA | industrial | | !Haynes
Spirit AeroSystems | USA | aerospace | | Spirit Aero
Triumph Group | USA | aerospace | | 
Hexcel | USA | industrial | corp | 
Teledyne | USA | technology | | Teledyne Technologies;Teledyne FLIR;FLIR;FLIR Systems
BWX Technologies | USA | energy | inc | BWXT
Centrus Energy | USA | energy | corp | Centrus;USEC
Westinghouse | USA | energy | | Westinghouse Electric;Westinghouse Electric Company
Day & Zimmermann | USA | energetics | | Day and Zimmermann
American Ordnance | USA | energetics | llc | 
Olin | USA | energetics | corp | Olin Winchester;!Winchester
Vista Outdoor | USA | energetics | | Federal Premium
Kinetic Group | USA | energetics | | !Kinetic Group
General Atomics | USA | defense | | General Atomics Aeronautical Systems;GA-ASI
Ball Aerospace | USA | aerospace | | 
Maxar | USA | aerospace | | Maxar Technologies
Viasat | USA | aerospace | inc | 
Leonardo DRS | USA | defense | | DRS Technologies;DRS
Cubic | USA | defense | corp | !Cubic
Shield AI | USA | defense | | 
Skydio | USA | defense | | 
Kaman | USA | aerospace | corp | 
Ensign-Bickford | USA | energetics | | Ensign-Bickford Aerospace & Defense;EBA&D
American Pacific | USA | energetics | corp | AMPAC;American Pacific Corp
X-Bow Systems | USA | energetics | | X-Bow
Ursa Major | USA | energetics | | Ursa Major Technologies
Bollinger Shipyards | USA | shipbuilding | | Bollinger
Austal | AUS | shipbuilding | ltd | Austal USA
Fincantieri Marinette Marine | USA | shipbuilding | | Marinette Marine
Hanwha Philly Shipyard | USA | shipbuilding | | Philly Shipyard
Eastern Shipbuilding Group | USA | shipbuilding | | Eastern Shipbuilding
Crowley | USA | logistics | | Crowley Maritime;Crowley Maritime Corporation
Matson | USA | logistics | inc | 
EnerSys | USA | batteries | | 
EaglePicher | USA | batteries | | EaglePicher Technologies;Eagle-Picher
Eaton | USA | industrial | corp | 
Parker Hannifin | USA | industrial | corp | Parker Aerospace
Timken | USA | industrial | co | 
Allison Transmission | USA | industrial | | 
Caterpillar | USA | industrial | inc | 
Cummins | USA | industrial | inc | 
3M | USA | industrial | co | 
Corning | USA | industrial | inc | Corning Incorporated
Kennametal | USA | industrial | inc | 
Materion | USA | mining | corp | Brush Wellman
Albemarle | USA | refining | corp | 
Livent | USA | refining | corp | 
Arcadium Lithium | USA | refining | plc | Arcadium
Piedmont Lithium | USA | mining | inc | !Piedmont
Lithium Americas | CAN | mining | corp | 
ioneer | AUS | mining | ltd | 
Standard Lithium | CAN | mining | ltd | !Standard Lithium
MP Materials | USA | mining | corp | MP Materials Corp.
Energy Fuels | USA | mining | inc | !Energy Fuels
USA Rare Earth | USA | mining | llc | !USA Rare Earth
Rare Element Resources | USA | mining | ltd | 
Texas Mineral Resources | USA | mining | corp | 
American Rare Earths | AUS | mining | ltd | !American Rare Earths
Ucore | CAN | refining | | Ucore Rare Metals;Ucore Rare Metals Inc.
Noveon Magnetics | USA | industrial | | Noveon
Arnold Magnetic Technologies | USA | industrial | | Arnold Magnetics
Niron Magnetics | USA | industrial | | Niron
eVAC Magnetics | USA | industrial | | eVAC
Electron Energy Corporation | USA | industrial | | 
Perpetua Resources | USA | mining | corp | Perpetua
United States Antimony | USA | refining | corp | !United States Antimony;!US Antimony;!U.S. Antimony;USAC
Freeport-McMoRan | USA | mining | inc | Freeport McMoRan;!Freeport
Newmont | USA | mining | corp | 
Southern Copper | USA | mining | corp | 
Alcoa | USA | refining | corp | 
Century Aluminum | USA | refining | co | 
Kaiser Aluminum | USA | industrial | corp | 
Constellium | FRA | industrial | se | 
Novelis | USA | industrial | inc | 
US Magnesium | USA | refining | llc | !US Magnesium;!U.S. Magnesium
Compass Minerals | USA | mining | | 
Talon Metals | USA | mining | corp | 
Westwater Resources | USA | refining | inc | 
Graphite One | USA | mining | inc | 
Nouveau Monde Graphite | CAN | mining | | NMG
Novonix | AUS | batteries | ltd | 
Redwood Materials | USA | refining | | !Redwood
Li-Cycle | CAN | refining | | 
Ascend Elements | USA | refining | | 
Cirba Solutions | USA | refining | | 
American Battery Technology | USA | refining | co | 
Hemlock Semiconductor | USA | semiconductors | | !Hemlock
REC Silicon | NOR | semiconductors | asa | 
Ferroglobe | GBR | refining | plc | Globe Specialty Metals
United States Steel | USA | industrial | corp | !United States Steel;!U.S. Steel;!US Steel
Cleveland-Cliffs | USA | industrial | inc | !Cliffs;Cleveland Cliffs
Nucor | USA | industrial | corp | 
Chemours | USA | industrial | co | 
DuPont | USA | industrial | | DuPont de Nemours;E. I. du Pont de Nemours and Company
Dow | USA | industrial | inc | !Dow;Dow Chemical;Dow Chemical Company
Air Products | USA | industrial | | Air Products and Chemicals
Linde | GBR | industrial | plc | Praxair
Entegris | USA | semiconductors | inc | 
Tronox | USA | refining | | Tronox Holdings
IperionX | USA | refining | ltd | 
TIMET | USA | refining | | Titanium Metals Corporation;Titanium Metals Corp.
Indium Corporation | USA | refining | | Indium Corp.;Indium Corporation of America
Mosaic | USA | mining | co | !Mosaic
# --- US semiconductors / tech
Intel | USA | semiconductors | corp | !Intel
Micron | USA | semiconductors | | !Micron;Micron Technology;Micron Technology Inc.
GlobalFoundries | USA | semiconductors | inc | !GF
Nvidia | USA | semiconductors | corp | NVIDIA
AMD | USA | semiconductors | | Advanced Micro Devices;Advanced Micro Devices Inc.;Xilinx
Qualcomm | USA | semiconductors | inc | 
Texas Instruments | USA | semiconductors | inc | !TI
Broadcom | USA | semiconductors | inc | 
Marvell | USA | semiconductors | | Marvell Technology
Analog Devices | USA | semiconductors | inc | ADI
Microchip Technology | USA | semiconductors | inc | Microchip;Microsemi
onsemi | USA | semiconductors | | ON Semiconductor;ON Semi
Skyworks | USA | semiconductors | | Skyworks Solutions
Qorvo | USA | semiconductors | inc | 
MACOM | USA | semiconductors | | MACOM Technology Solutions
Coherent | USA | semiconductors | corp | II-VI;II-VI Incorporated;!Coherent
Wolfspeed | USA | semiconductors | inc | !Cree
SkyWater Technology | USA | semiconductors | | SkyWater
Applied Materials | USA | semiconductors | inc | AMAT
Lam Research | USA | semiconductors | corp | !Lam
KLA | USA | semiconductors | corp | KLA-Tencor
Teradyne | USA | semiconductors | inc | 
Amkor | USA | semiconductors | | Amkor Technology
Synopsys | USA | technology | inc | 
Cadence | USA | technology | | !Cadence;Cadence Design Systems
Lattice Semiconductor | USA | semiconductors | corp | 
Altera | USA | semiconductors | corp | 
Apple | USA | technology | inc | !Apple
Microsoft | USA | technology | corp | 
Alphabet | USA | technology | inc | Google
Amazon | USA | technology | | Amazon.com;Amazon Web Services;AWS;!Amazon
IBM | USA | technology | | International Business Machines
Cisco | USA | technology | | Cisco Systems
Oracle | USA | technology | corp | !Oracle
Dell | USA | technology | | Dell Technologies
HP | USA | technology | inc | Hewlett-Packard;HP Inc;Hewlett Packard Enterprise;HPE
Tesla | USA | batteries | inc | !Tesla
Ford | USA | industrial | | Ford Motor;Ford Motor Company;Ford Motor Co.;!Ford
General Motors | USA | industrial | co | GM
# --- US / global services, data vendors, exchanges, finance
S&P Global | USA | services | | S&P Global Commodity Insights;S&P Global Market Intelligence;Platts;S&P Global Platts
Fastmarkets | GBR | services | | Metal Bulletin
Benchmark Mineral Intelligence | GBR | services | | Benchmark Minerals;!Benchmark
Argus Media | GBR | services | | !Argus
Wood Mackenzie | GBR | services | | WoodMac;Roskill
CRU Group | GBR | services | | CRU
Rystad Energy | NOR | services | | Rystad
Kpler | FRA | services | | 
Adamas Intelligence | CAN | services | | Adamas
Project Blue | GBR | services | | !Project Blue
Shanghai Metals Market | CHN | services | | !SMM
Asian Metal | CHN | services | | !Asian Metal
Janes | GBR | services | | Jane's;Jane's Information Group
Govini | USA | services | | 
Exiger | USA | services | | 
Interos | USA | services | | 
Sayari | USA | services | | Sayari Labs
Dun & Bradstreet | USA | services | | 
Moody's | USA | services | | Moody's Investors Service
Fitch | USA | services | | Fitch Ratings;Fitch Solutions;!BMI
London Metal Exchange | GBR | services | | LME
Shanghai Futures Exchange | CHN | services | | SHFE
CME Group | USA | services | | CME;COMEX
Intercontinental Exchange | USA | services | | !ICE
New York Stock Exchange | USA | services | | NYSE
Nasdaq | USA | services | | NASDAQ;Nasdaq Stock Market
Toronto Stock Exchange | CAN | services | | TSX
TSX Venture Exchange | CAN | services | | TSXV;TSX-V
Australian Securities Exchange | AUS | services | | ASX
London Stock Exchange | GBR | services | | London Stock Exchange Group;LSEG
Hong Kong Stock Exchange | HKG | services | | Hong Kong Exchanges and Clearing;HKEX;Hong Kong Exchange
Shanghai Stock Exchange | CHN | services | | 
Shenzhen Stock Exchange | CHN | services | | 
Dalian Commodity Exchange | CHN | services | | 
Zhengzhou Commodity Exchange | CHN | services | | 
Guangzhou Futures Exchange | CHN | services | | 
Tokyo Stock Exchange | JPN | services | | Japan Exchange Group
Korea Exchange | KOR | services | | 
Johannesburg Stock Exchange | ZAF | services | | JSE
Euronext | NLD | services | | 
Deutsche Börse | DEU | services | | Deutsche Boerse;Frankfurt Stock Exchange
Deloitte | GBR | services | | 
McKinsey | USA | services | | McKinsey & Company;McKinsey & Co.
Accenture | IRL | services | plc | 
PwC | GBR | services | | PricewaterhouseCoopers
EY | GBR | services | | Ernst & Young
KPMG | GBR | services | | 
Boston Consulting Group | USA | services | | BCG
Goldman Sachs | USA | services | | Goldman Sachs Group
JPMorgan Chase | USA | services | | JPMorgan;JP Morgan;J.P. Morgan
Morgan Stanley | USA | services | | 
Citigroup | USA | services | | Citi;Citibank
Bank of America | USA | services | | BofA
BlackRock | USA | services | | 
HSBC | GBR | services | | HSBC Holdings
UBS | CHE | services | | 
# --- Europe defense / aerospace / shipbuilding
BAE Systems | GBR | defense | plc | BAE;BAE Systems Inc.;BAE Systems Land & Armaments;BAE Systems Ordnance Systems;BAE Systems Holston;BAE Systems Maritime;BAE Systems Submarines
Bofors | SWE | defense | | BAE Systems Bofors;BAE Bofors
Rolls-Royce | GBR | aerospace | plc | Rolls-Royce Holdings;Rolls Royce;Rolls-Royce Submarines
Babcock International | GBR | shipbuilding | plc | Babcock
QinetiQ | GBR | defense | | QinetiQ Group
Chemring | GBR | energetics | plc | Chemring Group;Chemring Nobel;Chemring Energetics UK
Ultra Electronics | GBR | defense | | !Ultra;Ultra Maritime
Cobham | GBR | aerospace | | 
Meggitt | GBR | aerospace | | 
GKN Aerospace | GBR | aerospace | | GKN;Melrose Industries;Melrose
Harland & Wolff | GBR | shipbuilding | | Harland and Wolff
Cammell Laird | GBR | shipbuilding | | 
MBDA | FRA | defense | | MBDA Missile Systems;MBDA UK;MBDA France
Thales | FRA | defense | | Thales Group;Thales UK;Thales Australia;Thales Alenia Space
Safran | FRA | aerospace | sa | Safran Aircraft Engines;Safran Electronics & Defense;Safran Landing Systems
CFM International | USA | aerospace | | CFM
Dassault Aviation | FRA | aerospace | sa | Dassault
Naval Group | FRA | shipbuilding | | DCNS
Chantiers de l'Atlantique | FRA | shipbuilding | | STX France
KNDS | NLD | defense | nv | KNDS France;KNDS Deutschland;Nexter;Nexter Systems;Nexter Munitions;KNDS Ammo France;Krauss-Maffei Wegmann;Krauss Maffei Wegmann;KMW;KNDS Ammo
Arquus | FRA | defense | | 
Eurenco | FRA | energetics | | 
ArianeGroup | FRA | aerospace | | Ariane Group
Arianespace | FRA | aerospace | | 
Roxel | FRA | energetics | | 
Airbus | FRA | aerospace | se | Airbus Group;Airbus Defence and Space;Airbus Defense and Space;Airbus Helicopters;EADS
Eutelsat | FRA | aerospace | | Eutelsat OneWeb;OneWeb
Orano | FRA | energy | | Areva
Framatome | FRA | energy | | 
EDF | FRA | energy | | Électricité de France;Electricite de France;Electricité de France
TotalEnergies | FRA | energy | se | !Total
Air Liquide | FRA | industrial | | 
Saint-Gobain | FRA | industrial | | 
Eramet | FRA | mining | | Eramet Group
Imerys | FRA | mining | | 
Arkema | FRA | industrial | | 
Soitec | FRA | semiconductors | | 
CMA CGM | FRA | logistics | | CMA CGM Group
Rheinmetall | DEU | defense | ag | Rheinmetall Waffe Munition;Rheinmetall Defence;Rheinmetall Landsysteme;Rheinmetall Expal Munitions
Expal | ESP | energetics | | Expal Systems;Maxam Outdoors
Hensoldt | DEU | defense | ag | 
Diehl Defence | DEU | defense | | Diehl;Diehl Stiftung
ThyssenKrupp Marine Systems | DEU | shipbuilding | | TKMS;thyssenkrupp Marine Systems
thyssenkrupp | DEU | industrial | ag | ThyssenKrupp;Thyssenkrupp
MTU Aero Engines | DEU | aerospace | ag | MTU
Renk | DEU | industrial | | Renk Group
Heckler & Koch | DEU | defense | | H&K;Heckler and Koch
NVL Group | DEU | shipbuilding | | Naval Vessels Lürssen;Lürssen;Luerssen
German Naval Yards | DEU | shipbuilding | | German Naval Yards Kiel
OHB | DEU | aerospace | se | 
Siemens | DEU | industrial | ag | 
Siemens Energy | DEU | energy | ag | 
Bosch | DEU | industrial | | Robert Bosch;Robert Bosch GmbH
Infineon | DEU | semiconductors | | Infineon Technologies;Infineon Technologies AG
Aixtron | DEU | semiconductors | se | 
Carl Zeiss | DEU | semiconductors | ag | Zeiss;Carl Zeiss SMT;ZEISS
Trumpf | DEU | industrial | | 
Siltronic | DEU | semiconductors | ag | 
Wacker Chemie | DEU | industrial | ag | Wacker
BASF | DEU | industrial | se | 
Evonik | DEU | industrial | | Evonik Industries
Covestro | DEU | industrial | ag | 
Lanxess | DEU | industrial | ag | 
Merck KGaA | DEU | industrial | | Merck Group;EMD Electronics
SGL Carbon | DEU | industrial | se | 
Aurubis | DEU | refining | ag | 
Vacuumschmelze | DEU | industrial | | !VAC
H.C. Starck | DEU | refining | | HC Starck;H.C. Starck Tungsten
Volkswagen | DEU | industrial | ag | VW;Volkswagen Group
BMW | DEU | industrial | | BMW Group
Mercedes-Benz | DEU | industrial | | Mercedes-Benz Group;Daimler
Hapag-Lloyd | DEU | logistics | ag | 
DHL | DEU | logistics | | DHL Group;Deutsche Post DHL
DB Schenker | DEU | logistics | | Schenker
Uniper | DEU | energy | se | 
Leonardo | ITA | defense | spa | Leonardo S.p.A.;Finmeccanica;Leonardo Helicopters;AgustaWestland
Fincantieri | ITA | shipbuilding | spa | 
Iveco Defence Vehicles | ITA | defense | | IDV;Iveco
Avio | ITA | aerospace | spa | 
Fiocchi | ITA | energetics | | Fiocchi Munizioni
Beretta | ITA | defense | | Beretta Holding
Eni | ITA | energy | spa | 
STMicroelectronics | CHE | semiconductors | nv | STMicro;ST Microelectronics
Indra | ESP | defense | | Indra Sistemas
Navantia | ESP | shipbuilding | | 
Maxam | ESP | energetics | | 
ITP Aero | ESP | aerospace | | 
Repsol | ESP | energy | sa | 
Saab | SWE | defense | ab | Saab Kockums;Kockums;Saab Dynamics;Saab Bofors Dynamics
Boliden | SWE | mining | ab | 
LKAB | SWE | mining | | Luossavaara-Kiirunavaara
SSAB | SWE | industrial | ab | 
Sandvik | SWE | industrial | ab | 
Northvolt | SWE | batteries | ab | 
Ericsson | SWE | technology | | Telefonaktiebolaget LM Ericsson
Kongsberg | NOR | defense | asa | Kongsberg Gruppen;Kongsberg Defence & Aerospace;Kongsberg Defence and Aerospace;Kongsberg Maritime
Nammo | NOR | energetics | as | Nammo Raufoss;Nammo Lapua;Nammo Vihtavuori;Vihtavuori
Norsk Hydro | NOR | refining | asa | !Hydro
Equinor | NOR | energy | asa | Statoil
Elkem | NOR | refining | asa | 
Yara | NOR | industrial | | Yara International
Patria | FIN | defense | oyj | !Patria
Nokia | FIN | technology | oyj | 
Outokumpu | FIN | industrial | oyj | 
Maersk | DNK | logistics | | A.P. Moller-Maersk;A.P. Møller-Maersk;A.P. Moller - Maersk;AP Moller-Maersk;Maersk Line
DSV | DNK | logistics | | 
Ørsted | DNK | energy | | Orsted
Terma | DNK | defense | | 
Damen | NLD | shipbuilding | | Damen Shipyards;Damen Naval;Damen Shipyards Group
ASML | NLD | semiconductors | nv | ASML Holding
NXP | NLD | semiconductors | nv | NXP Semiconductors
Nexperia | NLD | semiconductors | | 
ASM International | NLD | semiconductors | nv | 
BE Semiconductor Industries | NLD | semiconductors | | Besi
Shell | GBR | energy | plc | Royal Dutch Shell;!Shell
Vitol | CHE | logistics | | 
Trafigura | SGP | logistics | | Trafigura Group
Glencore | CHE | mining | plc | 
Mercuria | CHE | logistics | | 
Gunvor | CHE | logistics | | 
MSC | CHE | logistics | | !MSC;Mediterranean Shipping Company;Mediterranean Shipping Co.
Kuehne+Nagel | CHE | logistics | | Kuehne + Nagel;Kühne + Nagel
Nitrochemie | CHE | energetics | ag | Nitrochemie Wimmis;Nitrochemie Aschau
RUAG | CHE | defense | ag | RUAG International
ABB | CHE | industrial | | 
Umicore | BEL | refining | | 
Solvay | BEL | industrial | sa | 
Syensqo | BEL | industrial | | 
FN Herstal | BEL | defense | | !FN;Fabrique Nationale;Fabrique Nationale de Herstal
John Cockerill | BEL | defense | | John Cockerill Defense;CMI Defence
Mecar | BEL | energetics | | 
Nyrstar | BEL | refining | | 
AMG | NLD | refining | nv | AMG Advanced Metallurgical Group;AMG Critical Materials
Plansee | AUT | industrial | | Plansee Group
voestalpine | AUT | industrial | ag | Voestalpine
Wolfram Bergbau und Hütten | AUT | mining | | Wolfram Bergbau
Treibacher | AUT | refining | | Treibacher Industrie
Explosia | CZE | energetics | | Explosia a.s.
Czechoslovak Group | CZE | defense | | CSG;CSG Group;Czechoslovak Group a.s.
Excalibur Army | CZE | defense | | 
Colt CZ Group | CZE | defense | se | Česká zbrojovka;Ceska zbrojovka;!CZ
Tatra Trucks | CZE | defense | | !Tatra
MSM Group | SVK | energetics | | 
PGZ | POL | defense | | Polska Grupa Zbrojeniowa;Polish Armaments Group
Huta Stalowa Wola | POL | defense | | HSW
Mesko | POL | energetics | | 
Nitro-Chem | POL | energetics | | Nitro Chem
WB Group | POL | defense | | WB Electronics
KGHM | POL | mining | | KGHM Polska Miedź;KGHM Polska Miedz
Orlen | POL | energy | | PKN Orlen
Romarm | ROU | defense | | ROMARM
Arsenal | BGR | energetics | | !Arsenal;Arsenal JSCo;Arsenal AD
VMZ | BGR | energetics | | VMZ Sopot
Yugoimport SDPR | SRB | defense | | Yugoimport
Krušik | SRB | energetics | | Krusik
Hellenic Defence Systems | GRC | energetics | | !EAS
# --- Israel, Turkey, Gulf, Africa, Latin America
Elbit Systems | ISR | defense | ltd | Elbit;Elbit Systems of America;Elbit Systems Land
IMI Systems | ISR | energetics | | Israel Military Industries;IMI
Rafael | ISR | defense | | Rafael Advanced Defense Systems;Rafael Advanced Defense Systems Ltd.
Israel Aerospace Industries | ISR | defense | | IAI;Elta;ELTA Systems
Tower Semiconductor | ISR | semiconductors | ltd | TowerJazz
ICL | ISR | mining | | ICL Group;Israel Chemicals
Aselsan | TUR | defense | | 
Roketsan | TUR | defense | | 
Baykar | TUR | defense | | Baykar Technologies
Turkish Aerospace | TUR | aerospace | | Turkish Aerospace Industries;TUSAŞ;TUSAS;TAI
TEI | TUR | aerospace | | Tusaş Engine Industries;TUSAŞ Engine Industries
MKE | TUR | energetics | | Makina ve Kimya Endüstrisi;Mechanical and Chemical Industry Corporation;MKEK
Havelsan | TUR | defense | | 
FNSS | TUR | defense | | FNSS Savunma Sistemleri
Otokar | TUR | defense | | 
STM | TUR | defense | | !STM;Savunma Teknolojileri Mühendislik
Repkon | TUR | energetics | | Repkon USA
Eti Maden | TUR | mining | | Eti Mine Works
EDGE Group | ARE | defense | | !EDGE
Emirates Global Aluminium | ARE | refining | | EGA
ADNOC | ARE | energy | | Abu Dhabi National Oil Company
DP World | ARE | logistics | | 
Saudi Arabian Military Industries | SAU | defense | | SAMI
Saudi Aramco | SAU | energy | | Aramco;Saudi Arabian Oil Company;Saudi Arabian Oil Co.
Ma'aden | SAU | mining | | Saudi Arabian Mining Company;Maaden
Manara Minerals | SAU | mining | | Manara
QatarEnergy | QAT | energy | | Qatar Petroleum;QatarEnergy LNG;Qatargas
Kuwait Petroleum Corporation | KWT | energy | | KPC
National Iranian Oil Company | IRN | energy | | NIOC
Shahed Aviation Industries | IRN | defense | | Shahed Aviation Industries Research Center
HESA | IRN | aerospace | | Iran Aircraft Manufacturing Industrial Company
Denel | ZAF | defense | | Denel SOC
Rheinmetall Denel Munition | ZAF | energetics | | RDM
Paramount Group | ZAF | defense | | 
Sibanye-Stillwater | ZAF | mining | | Sibanye Stillwater;Sibanye
Impala Platinum | ZAF | mining | | Implats;Impala Platinum Holdings
Anglo American Platinum | ZAF | mining | | Amplats;Valterra Platinum
Northam Platinum | ZAF | mining | | Northam
Sasol | ZAF | energy | ltd | 
Gécamines | COD | mining | | Gecamines;La Générale des Carrières et des Mines
OCP Group | MAR | mining | | OCP;Office Chérifien des Phosphates
Sonatrach | DZA | energy | | 
NNPC | NGA | energy | | Nigerian National Petroleum Corporation;NNPC Limited
Embraer | BRA | aerospace | sa | Embraer Defense & Security
Avibras | BRA | defense | | Avibras Indústria Aeroespacial
CBC | BRA | energetics | | !CBC;Companhia Brasileira de Cartuchos;CBC Global Ammunition
Petrobras | BRA | energy | | Petróleo Brasileiro;Petroleo Brasileiro
Vale | BRA | mining | sa | Vale Base Metals;Vale Canada;PT Vale Indonesia;!Vale
CBMM | BRA | mining | | Companhia Brasileira de Metalurgia e Mineração
Codelco | CHL | mining | | Corporación Nacional del Cobre;Corporacion Nacional del Cobre
SQM | CHL | refining | | Sociedad Química y Minera;Sociedad Quimica y Minera;Sociedad Química y Minera de Chile
Antofagasta | GBR | mining | plc | Antofagasta Minerals
Enaex | CHL | energetics | | 
Pemex | MEX | energy | | Petróleos Mexicanos;Petroleos Mexicanos
Grupo México | MEX | mining | | Grupo Mexico
Orbia | MEX | industrial | | Koura;Mexichem
PDVSA | VEN | energy | | Petróleos de Venezuela;Petroleos de Venezuela
YPF | ARG | energy | | 
"""
SUPPLIERS2 = r"""
# --- Korea
Hanwha | KOR | defense | corp | Hanwha Group;Hanwha Corp.;Hanwha Corporation
Hanwha Aerospace | KOR | defense | | Hanwha Aerospace Co.;Hanwha Defense;Hanwha Techwin
Hanwha Ocean | KOR | shipbuilding | | Daewoo Shipbuilding & Marine Engineering;Daewoo Shipbuilding and Marine Engineering;DSME
Hanwha Systems | KOR | defense | | 
Hanwha Solutions | KOR | energy | | Hanwha Qcells;Qcells
Korea Aerospace Industries | KOR | aerospace | | KAI
LIG Nex1 | KOR | defense | | LIG Nex One;LIGNex1
Hyundai Rotem | KOR | defense | | 
Poongsan | KOR | energetics | corp | 
HD Hyundai Heavy Industries | KOR | shipbuilding | | Hyundai Heavy Industries;HHI;HD HHI
HD Hyundai | KOR | shipbuilding | | Hyundai Heavy Industries Holdings
HD Korea Shipbuilding & Offshore Engineering | KOR | shipbuilding | | Korea Shipbuilding & Offshore Engineering;KSOE;HD KSOE
HD Hyundai Mipo | KOR | shipbuilding | | Hyundai Mipo Dockyard;Hyundai Mipo
Samsung Heavy Industries | KOR | shipbuilding | | SHI
HJ Shipbuilding & Construction | KOR | shipbuilding | | Hanjin Heavy Industries;HJ Shipbuilding
Samsung Electronics | KOR | semiconductors | | Samsung;Samsung Electronics Co.;Samsung Electronics Co., Ltd.;Samsung Foundry
Samsung SDI | KOR | batteries | | 
SK hynix | KOR | semiconductors | | SK Hynix;Hynix
SK Group | KOR | industrial | | SK Inc.;!SK
SK On | KOR | batteries | | 
SK Innovation | KOR | energy | | 
SK Siltron | KOR | semiconductors | | 
LG Energy Solution | KOR | batteries | | LGES;LG Energy
LG Chem | KOR | industrial | | 
LG Electronics | KOR | technology | | 
POSCO | KOR | industrial | | POSCO Holdings;Pohang Iron and Steel
POSCO Future M | KOR | batteries | | POSCO Chemical
POSCO International | KOR | logistics | | POSCO Daewoo
Hyundai Steel | KOR | industrial | | 
Hyundai Motor | KOR | industrial | | Hyundai Motor Company;Hyundai Motor Group
Korea Zinc | KOR | refining | | Korea Zinc Co.
Ecopro | KOR | batteries | | EcoPro;Ecopro BM;EcoPro BM
HMM | KOR | logistics | | Hyundai Merchant Marine
KEPCO | KOR | energy | | Korea Electric Power Corporation;Korea Electric Power Corp.
KHNP | KOR | energy | | Korea Hydro & Nuclear Power
Doosan Enerbility | KOR | energy | | Doosan Heavy Industries;Doosan
# --- Japan
Mitsubishi Heavy Industries | JPN | defense | | MHI;Mitsubishi Heavy Industries Ltd.
Kawasaki Heavy Industries | JPN | defense | | KHI;!Kawasaki
IHI | JPN | aerospace | corp | IHI Corp.
Mitsubishi Electric | JPN | defense | corp | 
NEC | JPN | technology | corp | 
Fujitsu | JPN | technology | | 
Toshiba | JPN | semiconductors | corp | 
Kioxia | JPN | semiconductors | | 
Japan Steel Works | JPN | defense | | !JSW
Subaru | JPN | aerospace | corp | 
ShinMaywa | JPN | aerospace | | ShinMaywa Industries
Japan Marine United | JPN | shipbuilding | | JMU
Mitsui E&S | JPN | shipbuilding | | Mitsui Engineering & Shipbuilding
Imabari Shipbuilding | JPN | shipbuilding | | Imabari
Daikin | JPN | industrial | | Daikin Industries
Komatsu | JPN | industrial | | 
Hitachi | JPN | industrial | | Hitachi Ltd.
Proterial | JPN | industrial | | Hitachi Metals
Shin-Etsu Chemical | JPN | semiconductors | | Shin-Etsu;Shin Etsu
SUMCO | JPN | semiconductors | corp | 
JSR | JPN | semiconductors | corp | 
Tokyo Ohka Kogyo | JPN | semiconductors | | TOK
Sumitomo Chemical | JPN | industrial | | 
Resonac | JPN | semiconductors | | Showa Denko
Stella Chemifa | JPN | semiconductors | | 
Morita Chemical Industries | JPN | semiconductors | | Morita Chemical
Tokyo Electron | JPN | semiconductors | | !TEL
Advantest | JPN | semiconductors | | 
Screen Holdings | JPN | semiconductors | | SCREEN Semiconductor Solutions
Canon | JPN | semiconductors | inc | !Canon
Nikon | JPN | semiconductors | corp | 
Disco | JPN | semiconductors | corp | !Disco
Renesas | JPN | semiconductors | | Renesas Electronics
Rohm | JPN | semiconductors | | Rohm Semiconductor;ROHM
Sony | JPN | technology | | Sony Group;Sony Semiconductor Solutions
Rapidus | JPN | semiconductors | | 
Kyocera | JPN | industrial | | 
Murata | JPN | technology | | Murata Manufacturing
TDK | JPN | industrial | corp | 
Panasonic | JPN | batteries | | Panasonic Energy;Panasonic Holdings
Toyota | JPN | industrial | | Toyota Motor;Toyota Motor Corporation
Honda | JPN | industrial | | Honda Motor
Nissan | JPN | industrial | | Nissan Motor
Toray | JPN | industrial | | Toray Industries
Teijin | JPN | industrial | | 
Mitsubishi Chemical | JPN | industrial | | Mitsubishi Chemical Group
Asahi Kasei | JPN | industrial | | 
Sumitomo Metal Mining | JPN | refining | | Sumitomo Metal Mining Co.
Mitsubishi Materials | JPN | refining | | 
JX Advanced Metals | JPN | refining | | JX Nippon Mining & Metals;JX Metals
Mitsui Mining & Smelting | JPN | refining | | Mitsui Kinzoku
Dowa | JPN | refining | | Dowa Holdings;DOWA Metals & Mining
Toho Titanium | JPN | refining | | 
Osaka Titanium Technologies | JPN | refining | | OSAKA Titanium
Nippon Steel | JPN | industrial | corp | 
JFE Steel | JPN | industrial | | JFE;JFE Holdings
Sojitz | JPN | logistics | corp | 
Toyota Tsusho | JPN | logistics | | 
Mitsubishi Corporation | JPN | logistics | | Mitsubishi Corp.
Mitsui & Co. | JPN | logistics | | Mitsui
Marubeni | JPN | logistics | | 
Itochu | JPN | logistics | | ITOCHU
Sumitomo Corporation | JPN | logistics | | Sumitomo Corp.
Sumitomo Electric | JPN | industrial | | Sumitomo Electric Industries
Ocean Network Express | SGP | logistics | | 
Nippon Yusen | JPN | logistics | | NYK Line;NYK
Mitsui O.S.K. Lines | JPN | logistics | | !MOL
Kawasaki Kisen Kaisha | JPN | logistics | | K Line
INPEX | JPN | energy | | 
# --- Taiwan
TSMC | TWN | semiconductors | | Taiwan Semiconductor Manufacturing;Taiwan Semiconductor Manufacturing Co.;Taiwan Semiconductor Manufacturing Company;Taiwan Semiconductor Manufacturing Co. Ltd.;Taiwan Semiconductor Manufacturing Company Limited;Taiwan Semiconductor
UMC | TWN | semiconductors | | United Microelectronics;United Microelectronics Corporation;United Microelectronics Corp.
MediaTek | TWN | semiconductors | | 
ASE Technology | TWN | semiconductors | | ASE;ASE Group;Advanced Semiconductor Engineering
Foxconn | TWN | technology | | Hon Hai;Hon Hai Precision Industry;Hon Hai Precision
Powerchip | TWN | semiconductors | | PSMC;Powerchip Semiconductor Manufacturing
Nanya Technology | TWN | semiconductors | | Nanya
Vanguard International Semiconductor | TWN | semiconductors | | 
GlobalWafers | TWN | semiconductors | | 
Evergreen Marine | TWN | logistics | | !Evergreen;Evergreen Line
Yang Ming | TWN | logistics | | Yang Ming Marine Transport;Yang Ming Marine
Wan Hai Lines | TWN | logistics | | Wan Hai
CSBC | TWN | shipbuilding | | CSBC Corporation;CSBC Corporation, Taiwan;China Shipbuilding Corporation Taiwan
AIDC | TWN | aerospace | | Aerospace Industrial Development Corporation
# --- Singapore, SE Asia, India, Australia, Canada
ST Engineering | SGP | defense | | Singapore Technologies Engineering;ST Engineering Land Systems
PSA International | SGP | logistics | | !PSA
Seatrium | SGP | shipbuilding | | Sembcorp Marine;Keppel Offshore & Marine;Keppel O&M
Keppel | SGP | industrial | | Keppel Corporation
Petronas | MYS | energy | | Petroliam Nasional;Petroliam Nasional Berhad
Pertamina | IDN | energy | | 
Harita Nickel | IDN | mining | | Trimegah Bangun Persada
Nickel Industries | AUS | mining | ltd | !Nickel Industries
MIND ID | IDN | mining | | Mining Industry Indonesia
Indonesia Morowali Industrial Park | IDN | refining | | IMIP;Morowali Industrial Park | facility
Hindustan Aeronautics | IND | aerospace | ltd | HAL;Hindustan Aeronautics Limited
Bharat Electronics | IND | defense | ltd | BEL
Bharat Dynamics | IND | defense | ltd | BDL
Bharat Forge | IND | defense | ltd | Kalyani Group
Larsen & Toubro | IND | defense | | L&T;Larsen and Toubro
Tata Advanced Systems | IND | defense | ltd | TASL
Tata Group | IND | industrial | | Tata Sons;!Tata
Tata Steel | IND | industrial | ltd | 
Tata Electronics | IND | semiconductors | | 
Mazagon Dock Shipbuilders | IND | shipbuilding | ltd | Mazagon Dock;MDL
Garden Reach Shipbuilders & Engineers | IND | shipbuilding | | GRSE;Garden Reach Shipbuilders
Cochin Shipyard | IND | shipbuilding | ltd | 
Goa Shipyard | IND | shipbuilding | ltd | 
Munitions India | IND | energetics | ltd | 
Solar Industries | IND | energetics | | Solar Industries India
Adani Defence & Aerospace | IND | defense | | Adani Defence;Adani Defense
Adani Group | IND | industrial | | Adani
Reliance Industries | IND | energy | ltd | !Reliance
Hindalco | IND | refining | | Hindalco Industries
Vedanta | IND | mining | | Vedanta Resources;Vedanta Limited
Indian Rare Earths | IND | mining | ltd | !Indian Rare Earths;IREL;IREL (India) Limited
KABIL | IND | mining | | Khanij Bidesh India
NMDC | IND | mining | | 
Coal India | IND | mining | ltd | 
Mahindra Defence | IND | defense | | Mahindra Defence Systems
Pakistan Ordnance Factories | PAK | energetics | | POF
Lynas | AUS | refining | | Lynas Rare Earths;Lynas Rare Earths Ltd;Lynas Corporation
Iluka Resources | AUS | mining | ltd | Iluka
Arafura Rare Earths | AUS | mining | ltd | Arafura;Arafura Resources
Northern Minerals | AUS | mining | ltd | 
Hastings Technology Metals | AUS | mining | ltd | !Hastings
Australian Strategic Materials | AUS | refining | ltd | !ASM
Pilbara Minerals | AUS | mining | ltd | !Pilbara;PLS
Mineral Resources | AUS | mining | ltd | !Mineral Resources;MinRes
IGO | AUS | mining | ltd | Independence Group
Liontown Resources | AUS | mining | ltd | Liontown
Core Lithium | AUS | mining | ltd | !Core Lithium
Allkem | AUS | mining | ltd | Orocobre;Galaxy Resources
Sayona Mining | AUS | mining | ltd | Sayona
Syrah Resources | AUS | mining | ltd | Syrah
Jervois | AUS | mining | | Jervois Global;Jervois Mining
Australian Vanadium | AUS | mining | ltd | !Australian Vanadium;AVL
VHM | AUS | mining | ltd | 
South32 | AUS | mining | ltd | 
BHP | AUS | mining | | BHP Group;BHP Billiton
Rio Tinto | GBR | mining | plc | Rio Tinto Group;Rio Tinto Lithium;Rio Tinto Borates;!Rio
Fortescue | AUS | mining | ltd | Fortescue Metals Group;Fortescue Metals;FMG
Woodside | AUS | energy | | Woodside Energy
Santos | AUS | energy | ltd | !Santos
Orica | AUS | energetics | ltd | 
Dyno Nobel | AUS | energetics | | Incitec Pivot
ASC | AUS | shipbuilding | | !ASC;ASC Pty Ltd;Australian Submarine Corporation
NIOA | AUS | energetics | | 
Electro Optic Systems | AUS | defense | | !EOS
DroneShield | AUS | defense | ltd | 
CEA Technologies | AUS | defense | | 
Thales Australia Mulwala | AUS | energetics | | Mulwala | facility
Bombardier | CAN | aerospace | inc | 
CAE | CAN | defense | inc | 
Colt Canada | CAN | defense | | 
General Dynamics OTS Canada | CAN | energetics | | GD-OTS Canada
Irving Shipbuilding | CAN | shipbuilding | | !Irving
Seaspan | CAN | shipbuilding | | Seaspan Shipyards
Davie | CAN | shipbuilding | | Chantier Davie;Davie Shipbuilding
MDA Space | CAN | aerospace | | MDA Ltd.;MacDonald, Dettwiler and Associates
Cameco | CAN | mining | corp | 
Teck Resources | CAN | mining | ltd | Teck
First Quantum Minerals | CAN | mining | ltd | First Quantum
Ivanhoe Mines | CAN | mining | ltd | Ivanhoe
Barrick | CAN | mining | | Barrick Gold;Barrick Gold Corporation
Agnico Eagle | CAN | mining | | Agnico Eagle Mines
Sherritt International | CAN | mining | corp | Sherritt
Neo Performance Materials | CAN | refining | inc | Neo;Magnequench;!Neo
5N Plus | CAN | refining | inc | 
Almonty Industries | CAN | mining | inc | Almonty
Sigma Lithium | CAN | mining | corp | 
NioCorp | USA | mining | | NioCorp Developments
Niobec | CAN | mining | | 
Mkango Resources | CAN | mining | ltd | Mkango
Rio Tinto Fer et Titane | CAN | refining | | RTFT
Nutrien | CAN | mining | ltd | 
Torngat Metals | CAN | mining | | 
Vital Metals | AUS | mining | ltd | !Vital Metals
Electra Battery Materials | CAN | refining | | !Electra
Rainbow Rare Earths | GBR | mining | ltd | 
Pensana | GBR | mining | plc | Pensana Rare Earths
Anglo American | GBR | mining | plc | !Anglo
BP | GBR | energy | plc | British Petroleum
Johnson Matthey | GBR | refining | plc | 
Tungsten West | GBR | mining | plc | 
Cornish Lithium | GBR | mining | | !Cornish Lithium
Eurasian Resources Group | LUX | mining | | ERG
ArcelorMittal | LUX | industrial | sa | Arcelor Mittal
Kazatomprom | KAZ | mining | | NAC Kazatomprom
KazMunayGas | KAZ | energy | | KMG
Urenco | GBR | energy | | Urenco Group
Ingas | UKR | industrial | | 
Cryoin | UKR | industrial | | Cryoin Engineering
Iceblick | UKR | industrial | | 
Ukroboronprom | UKR | defense | | UkrOboronProm;Ukrainian Defense Industry;Ukrainian Defence Industry
Antonov | UKR | aerospace | | Antonov Company;Antonov Airlines
Motor Sich | UKR | aerospace | | Motor Sich JSC
Naftogaz | UKR | energy | | Naftogaz of Ukraine
Zaporizhzhia Titanium-Magnesium Combine | UKR | refining | | ZTMC;Zaporizhzhia Titanium and Magnesium Combine
Mongolrostsvetmet | MNG | mining | | 
Erdenet Mining | MNG | mining | corp | Erdenet
Alphamin Resources | MUS | mining | corp | Alphamin
"""
SUPPLIERS3 = r"""
# --- China: state defense groups and aerospace
NORINCO | CHN | defense | | China North Industries Group Corporation;China North Industries Group;China North Industries Corporation;Norinco;Norinco Group
AVIC | CHN | aerospace | | Aviation Industry Corporation of China;Aviation Industry Corp. of China
CETC | CHN | defense | | China Electronics Technology Group Corporation;China Electronics Technology Group Corp.;China Electronics Technology Group
CSSC | CHN | shipbuilding | | China State Shipbuilding Corporation;China State Shipbuilding Corp.
CSIC | CHN | shipbuilding | | China Shipbuilding Industry Corporation;China Shipbuilding Industry Corp.
CASC | CHN | aerospace | | China Aerospace Science and Technology Corporation;China Aerospace Science and Technology Corp.;China Aerospace Science & Technology Corporation
CASIC | CHN | aerospace | | China Aerospace Science and Industry Corporation;China Aerospace Science and Industry Corp.;China Aerospace Science & Industry Corporation
CSGC | CHN | defense | | China South Industries Group Corporation;China South Industries Group
AECC | CHN | aerospace | | Aero Engine Corporation of China;Aero Engine Corp. of China
COMAC | CHN | aerospace | | Commercial Aircraft Corporation of China;Commercial Aircraft Corp. of China
CNNC | CHN | energy | | China National Nuclear Corporation;China National Nuclear Corp.
CGN | CHN | energy | | China General Nuclear Power Group;China General Nuclear;China General Nuclear Power Corporation
Poly Technologies | CHN | defense | | China Poly Group;Poly Group
China Electronics Corporation | CHN | technology | | !CEC;China Electronics Corp.
Chengdu Aircraft Industry Group | CHN | aerospace | | Chengdu Aircraft Corporation;AVIC Chengdu Aircraft;!CAC
Shenyang Aircraft Corporation | CHN | aerospace | | AVIC Shenyang Aircraft;Shenyang Aircraft
Xi'an Aircraft Industrial Corporation | CHN | aerospace | | Xi'an Aircraft Industry;XAC;AVIC Xi'an Aircraft
Jiangnan Shipyard | CHN | shipbuilding | | Jiangnan Shipyard Group
Dalian Shipbuilding Industry | CHN | shipbuilding | | DSIC;Dalian Shipbuilding Industry Company
Hudong-Zhonghua Shipbuilding | CHN | shipbuilding | | Hudong-Zhonghua;Hudong Zhonghua Shipbuilding
Guangzhou Shipyard International | CHN | shipbuilding | | !GSI
Wuchang Shipbuilding Industry Group | CHN | shipbuilding | | Wuchang Shipbuilding;Wuchang Shipyard
Yangzijiang Shipbuilding | CHN | shipbuilding | | Yangzijiang;Yangzijiang Shipbuilding Holdings
COSCO Shipping Heavy Industry | CHN | shipbuilding | | 
China Shipbuilding Trading | CHN | shipbuilding | | 
# --- China: technology and semiconductors
Huawei | CHN | technology | | Huawei Technologies;Huawei Technologies Co.;Huawei Technologies Co., Ltd.
HiSilicon | CHN | semiconductors | | HiSilicon Technologies
ZTE | CHN | technology | corp | Zhongxing Telecommunication Equipment
Hikvision | CHN | technology | | Hangzhou Hikvision Digital Technology
Dahua | CHN | technology | | Dahua Technology;Zhejiang Dahua Technology
DJI | CHN | technology | | SZ DJI Technology;Da-Jiang Innovations
Inspur | CHN | technology | | Inspur Group
Sugon | CHN | technology | | Dawning Information Industry
Lenovo | CHN | technology | | Lenovo Group
Xiaomi | CHN | technology | corp | 
BOE | CHN | technology | | BOE Technology;BOE Technology Group
Tsinghua Unigroup | CHN | semiconductors | | Unigroup
SMIC | CHN | semiconductors | | Semiconductor Manufacturing International Corporation;Semiconductor Manufacturing International Corp.;Semiconductor Manufacturing International
YMTC | CHN | semiconductors | | Yangtze Memory Technologies;Yangtze Memory Technologies Co.;Yangtze Memory
CXMT | CHN | semiconductors | | ChangXin Memory Technologies;ChangXin Memory;Changxin Memory Technologies
Hua Hong Semiconductor | CHN | semiconductors | | Hua Hong;Huahong Group;Hua Hong Group
Wingtech | CHN | semiconductors | | Wingtech Technology
Naura | CHN | semiconductors | | Naura Technology;NAURA Technology Group
AMEC | CHN | semiconductors | | Advanced Micro-Fabrication Equipment;Advanced Micro-Fabrication Equipment Inc. China
SMEE | CHN | semiconductors | | Shanghai Micro Electronics Equipment
SiCarrier | CHN | semiconductors | | 
Hygon | CHN | semiconductors | | Hygon Information Technology
Loongson | CHN | semiconductors | | Loongson Technology
Phytium | CHN | semiconductors | | Phytium Technology
Cambricon | CHN | semiconductors | | Cambricon Technologies
Biren Technology | CHN | semiconductors | | Biren
Moore Threads | CHN | semiconductors | | 
UNISOC | CHN | semiconductors | | Unisoc
JCET | CHN | semiconductors | | JCET Group;Jiangsu Changjiang Electronics Technology
SICC | CHN | semiconductors | | SICC Co.;Shandong Tianyue Advanced Technology
TankeBlue | CHN | semiconductors | | Beijing TankeBlue Semiconductor
Nuctech | CHN | technology | | Nuctech Company
ZPMC | CHN | industrial | | Shanghai Zhenhua Heavy Industries;Zhenhua Heavy Industries
CIMC | CHN | logistics | | China International Marine Containers
CRRC | CHN | industrial | | CRRC Corporation
# --- China: mining, refining, metals, chemicals, batteries
China Northern Rare Earth Group | CHN | mining | | China Northern Rare Earth;China Northern Rare Earth (Group) High-Tech;Northern Rare Earth;Baotou Steel Rare-Earth;Baotou Steel Rare Earth;China Northern Rare Earth Group High-Tech
China Rare Earth Group | CHN | mining | | China Rare Earth Group Co.;China Rare Earth Group Co., Ltd.;China Rare Earth Holdings;China Rare Earths Group
China Minmetals | CHN | mining | | China Minmetals Corporation;Minmetals;China Minmetals Rare Earth;China Minmetals Group
Shenghe Resources | CHN | refining | | Shenghe;Shenghe Resources Holding
Xiamen Tungsten | CHN | refining | | XTC;Xiamen Tungsten Co.
Chinalco | CHN | refining | | Aluminum Corporation of China;Aluminium Corporation of China
Chalco | CHN | refining | | Aluminum Corporation of China Limited
China Hongqiao | CHN | refining | | China Hongqiao Group;Hongqiao
Baowu | CHN | industrial | | China Baowu Steel Group;China Baowu;Baowu Steel;Baosteel
Baotou Steel | CHN | industrial | | Baogang;Baotou Iron and Steel;Baotou Iron & Steel
Ansteel | CHN | industrial | | Ansteel Group;Anshan Iron and Steel
HBIS | CHN | industrial | | HBIS Group;Hebei Iron and Steel
Jiangxi Copper | CHN | refining | | 
Tongling Nonferrous Metals | CHN | refining | | Tongling Nonferrous
Zijin Mining | CHN | mining | | Zijin;Zijin Mining Group
CMOC | CHN | mining | | China Molybdenum;CMOC Group;China Molybdenum Co.
Huayou Cobalt | CHN | refining | | Zhejiang Huayou Cobalt;Huayou
GEM | CHN | refining | | !GEM;GEM Co.;Greenmei
Jinchuan Group | CHN | mining | | Jinchuan;Jinchuan Group International
Tsingshan | CHN | refining | | Tsingshan Holding Group;Tsingshan Holding
Ganfeng Lithium | CHN | refining | | Ganfeng;Jiangxi Ganfeng Lithium
Tianqi Lithium | CHN | refining | | Tianqi;Tianqi Lithium Corp.
Yahua Industrial | CHN | refining | | Sichuan Yahua
Zangge Mining | CHN | mining | | 
CNGR | CHN | batteries | | CNGR Advanced Material
Yunnan Tin | CHN | refining | | Yunnan Tin Company;Yunnan Tin Group
Zhuzhou Cemented Carbide | CHN | industrial | | ZCC
JL Mag Rare-Earth | CHN | industrial | | JL Mag;JL MAG;Jiangxi Jinli Permanent Magnet
Ningbo Yunsheng | CHN | industrial | | 
Zhong Ke San Huan | CHN | industrial | | Beijing Zhong Ke San Huan High-Tech
Vital Materials | CHN | refining | | !Vital Materials;Vital Materials Co.
Yunnan Lincang Xinyuan Germanium | CHN | refining | | Yunnan Germanium;Lincang Xinyuan Germanium
Chihong Zinc & Germanium | CHN | refining | | Yunnan Chihong Zinc & Germanium;Yunnan Chihong
Sinochem | CHN | industrial | | Sinochem Holdings;Sinochem Group
ChemChina | CHN | industrial | | China National Chemical Corporation
Wanhua Chemical | CHN | industrial | | Wanhua
Do-Fluoride | CHN | industrial | | Do-Fluoride New Materials;DFD
Tongwei | CHN | semiconductors | | Tongwei Co.
GCL Technology | CHN | semiconductors | | GCL-Poly;GCL Tech;GCL
Daqo New Energy | CHN | semiconductors | | Daqo
Xinte Energy | CHN | semiconductors | | 
Hoshine Silicon | CHN | refining | | Hoshine
CATL | CHN | batteries | | Contemporary Amperex Technology;Contemporary Amperex Technology Co.;Contemporary Amperex Technology Co. Limited
BYD | CHN | batteries | | BYD Company;BYD Co.;FinDreams
EVE Energy | CHN | batteries | | 
Gotion High-Tech | CHN | batteries | | Gotion
CALB | CHN | batteries | | China Aviation Lithium Battery
Sunwoda | CHN | batteries | | Sunwoda Electronic
BTR New Material | CHN | batteries | | BTR
Shanshan | CHN | batteries | | Ningbo Shanshan;Shanshan Technology
Putailai | CHN | batteries | | Shanghai Putailai
Envision AESC | JPN | batteries | | AESC
# --- China: energy and logistics
Sinopec | CHN | energy | | China Petroleum & Chemical Corporation;China Petrochemical Corporation
PetroChina | CHN | energy | | 
CNPC | CHN | energy | | China National Petroleum Corporation;China National Petroleum Corp.
CNOOC | CHN | energy | | China National Offshore Oil Corporation;China National Offshore Oil Corp.
State Grid | CHN | energy | | State Grid Corporation of China
China Three Gorges | CHN | energy | | China Three Gorges Corporation
COSCO | CHN | logistics | | COSCO Shipping;China COSCO Shipping;China COSCO Shipping Corporation;China Ocean Shipping Company;COSCO Shipping Lines;COSCO Shipping Ports
OOCL | HKG | logistics | | Orient Overseas Container Line;Orient Overseas
China Merchants Group | CHN | logistics | | China Merchants;China Merchants Port;China Merchants Port Holdings
CK Hutchison | HKG | logistics | | Hutchison Ports;Hutchison Port Holdings;CK Hutchison Holdings;Hutchison Whampoa
# --- Russia / Belarus
Rostec | RUS | defense | | Rostec State Corporation;Rostekh;Russian Technologies
Almaz-Antey | RUS | defense | | Almaz Antey;Concern VKO Almaz-Antey
Uralvagonzavod | RUS | defense | | UVZ
Kalashnikov Concern | RUS | defense | | Kalashnikov;Kalashnikov Group
United Aircraft Corporation | RUS | aerospace | | UAC;!OAK
United Shipbuilding Corporation | RUS | shipbuilding | | !USC;OSK
Tactical Missiles Corporation | RUS | defense | | KTRV
United Engine Corporation | RUS | aerospace | | ODK
Sukhoi | RUS | aerospace | | Sukhoi Company
Mikoyan | RUS | aerospace | | !MiG;RSK MiG;Russian Aircraft Corporation MiG
Irkut | RUS | aerospace | corp | Irkut Corporation
Tupolev | RUS | aerospace | | 
Rosoboronexport | RUS | defense | | 
Rosatom | RUS | energy | | Rosatom State Corporation;State Atomic Energy Corporation Rosatom
TVEL | RUS | energy | | TVEL Fuel Company
Tenex | RUS | energy | | Techsnabexport;TENEX
RSC Energia | RUS | aerospace | | !Energia
NPO Energomash | RUS | aerospace | | Energomash
Sevmash | RUS | shipbuilding | | 
Admiralty Shipyards | RUS | shipbuilding | | 
Zvezda Shipbuilding Complex | RUS | shipbuilding | | Zvezda shipyard
Splav | RUS | energetics | | 
Tula Cartridge Works | RUS | energetics | | Tulammo
VSMPO-AVISMA | RUS | refining | corp | VSMPO;VSMPO AVISMA
Norilsk Nickel | RUS | mining | | Nornickel;MMC Norilsk Nickel;Norilsk
Rusal | RUS | refining | | United Company RUSAL;UC Rusal;RUSAL
Severstal | RUS | industrial | | 
Solikamsk Magnesium Plant | RUS | refining | | SMZ;Solikamsk Magnesium Works
Lovozero Mining | RUS | mining | | Lovozersky GOK
PhosAgro | RUS | mining | | 
Uralkali | RUS | mining | | 
Belaruskali | BLR | mining | | 
Gazprom | RUS | energy | | Gazprom PJSC;Gazprom Export
Gazprom Neft | RUS | energy | | 
Rosneft | RUS | energy | | Rosneft Oil Company
Lukoil | RUS | energy | | LUKOIL
Novatek | RUS | energy | | NOVATEK
Transneft | RUS | energy | | 
Sovcomflot | RUS | logistics | | SCF Group;!SCF
Volga-Dnepr | RUS | logistics | | Volga-Dnepr Airlines;Volga-Dnepr Group
AirBridgeCargo | RUS | logistics | | 
# --- US / global energy and logistics
ExxonMobil | USA | energy | corp | Exxon Mobil;Exxon Mobil Corp.;Exxon;Exxon Mobil Corporation
Chevron | USA | energy | corp | 
ConocoPhillips | USA | energy | | 
Occidental Petroleum | USA | energy | corp | !Occidental;!Oxy
Cheniere | USA | energy | | Cheniere Energy
Venture Global | USA | energy | | Venture Global LNG
Freeport LNG | USA | energy | | 
Duke Energy | USA | energy | corp | 
Vistra | USA | energy | corp | 
Constellation Energy | USA | energy | corp | 
Holtec | USA | energy | | Holtec International
NuScale | USA | energy | | NuScale Power
X-energy | USA | energy | | 
TerraPower | USA | energy | | 
Kairos Power | USA | energy | | 
Lightbridge | USA | energy | corp | 
enCore Energy | USA | mining | corp | 
Uranium Energy | USA | mining | corp | Uranium Energy Corp;!UEC
Ur-Energy | USA | mining | inc | 
FedEx | USA | logistics | corp | 
UPS | USA | logistics | | United Parcel Service;!UPS
Atlas Air | USA | logistics | | Atlas Air Worldwide
Expeditors | USA | logistics | | Expeditors International
C.H. Robinson | USA | logistics | | CH Robinson
Flexport | USA | logistics | | 
ZIM | ISR | logistics | | ZIM Integrated Shipping Services
Teekay | BMU | logistics | | 
Frontline | CYP | logistics | | !Frontline
Euronav | BEL | logistics | | CMB.Tech
Stellantis | NLD | industrial | nv | 
Renault | FRA | industrial | | Renault Group
Freyr Battery | USA | batteries | | Freyr
QuantumScape | USA | batteries | | 
Microvast | USA | batteries | | 
Saft | FRA | batteries | | 
Ultralife | USA | batteries | corp | 
Amprius | USA | batteries | | Amprius Technologies
"""

# Named mines, deposits and production facilities: SUPPLIER per the guide ("Mountain Pass").
SITES = r"""
Mountain Pass | USA | mining | | Mountain Pass mine;Mountain Pass Rare Earth Mine | mine
Bayan Obo | CHN | mining | | Bayan Obo mine;Bayan Obo deposit;Baiyun Obo | mine
Mount Weld | AUS | mining | | Mt Weld;Mt. Weld;Mount Weld mine | mine
Greenbushes | AUS | mining | | Greenbushes mine;Greenbushes lithium mine | mine
Pilgangoora | AUS | mining | | Pilgangoora mine | mine
Wodgina | AUS | mining | | Wodgina mine | mine
Mount Holland | AUS | mining | | Mt Holland | mine
Mount Cattlin | AUS | mining | | Mt Cattlin | mine
Kathleen Valley | AUS | mining | | | mine
Nolans | AUS | mining | | Nolans project;Nolans Bore | mine
Browns Range | AUS | mining | | Browns Range project | mine
Yangibana | AUS | mining | | Yangibana project | mine
Dubbo Project | AUS | mining | | | mine
Olympic Dam | AUS | mining | | | mine
Mount Isa | AUS | mining | | Mount Isa Mines;Mt Isa | mine
Murrin Murrin | AUS | mining | | | mine
Thacker Pass | USA | mining | | Thacker Pass project;Thacker Pass mine | mine
Rhyolite Ridge | USA | mining | | | mine
Silver Peak | USA | mining | | Silver Peak mine | mine
Stibnite Gold Project | USA | mining | | | mine
Bingham Canyon | USA | mining | | Bingham Canyon mine | mine
Rio Tinto Kennecott | USA | mining | | Kennecott;Kennecott Utah Copper | company
Resolution Copper | USA | mining | | | mine
Pebble Mine | USA | mining | | Pebble project;Pebble Partnership | mine
Twin Metals | USA | mining | | Twin Metals Minnesota | mine
Eagle Mine | USA | mining | | | mine
Stillwater Mine | USA | mining | | East Boulder Mine | mine
Round Top | USA | mining | | Round Top project | mine
Bear Lodge | USA | mining | | Bear Lodge project | mine
White Mesa Mill | USA | refining | | White Mesa | facility
Tamarack | USA | mining | | Tamarack project | mine
Kamoa-Kakula | COD | mining | | Kamoa Kakula | mine
Tenke Fungurume | COD | mining | | TFM;Tenke Fungurume Mining | mine
Kisanfu | COD | mining | | | mine
Mutanda | COD | mining | | Mutanda Mining | mine
Kamoto | COD | mining | | Kamoto Copper Company;!KCC | mine
Metalkol | COD | mining | | | mine
Manono | COD | mining | | Manono project | mine
Bisie | COD | mining | | Bisie mine | mine
Kipushi | COD | mining | | | mine
Grasberg | IDN | mining | | Grasberg mine | mine
Weda Bay | IDN | mining | | Weda Bay Nickel | mine
Escondida | CHL | mining | | Minera Escondida | mine
Chuquicamata | CHL | mining | | | mine
Cauchari-Olaroz | ARG | mining | | | mine
Oyu Tolgoi | MNG | mining | | | mine
Tavan Tolgoi | MNG | mining | | | mine
Jadar | SRB | mining | | Jadar project | mine
Goulamina | MLI | mining | | | mine
Kvanefjeld | GRL | mining | | Kuannersuit | mine
Tanbreez | GRL | mining | | | mine
Norra Kärr | SWE | mining | | Norra Karr | mine
Steenkampskraal | ZAF | mining | | | mine
Phalaborwa | ZAF | mining | | Phalaborwa project | mine
Ngualla | TZA | mining | | Ngualla project | mine
Songwe Hill | MWI | mining | | | mine
Kangankunde | MWI | mining | | | mine
Longonjo | AGO | mining | | Longonjo project | mine
Lofdal | NAM | mining | | | mine
Bou Azzer | MAR | mining | | | mine
Mount Tom Price | AUS | mining | | | mine
Panguna | PNG | mining | | | mine
Radford Army Ammunition Plant | USA | energetics | | !Radford;RFAAP;RAAP | facility
Holston Army Ammunition Plant | USA | energetics | | !Holston;HSAAP | facility
Lake City Army Ammunition Plant | USA | energetics | | !Lake City;LCAAP | facility
Scranton Army Ammunition Plant | USA | energetics | | SCAAP | facility
Iowa Army Ammunition Plant | USA | energetics | | IAAAP | facility
Milan Army Ammunition Plant | USA | energetics | | | facility
Joint Systems Manufacturing Center | USA | defense | | Lima Army Tank Plant;JSMC | facility
"""
# ---------------------------------------------------------------- NON-SUPPLIERS
# name | kind | aliases (;), '!' = ambiguous alias
# kinds: media, think_tank, research, university, association, international_agency, government, military,
#        government_facility, government_finance, political_party, industry_alliance
NON_SUPPLIERS = r"""
Reuters | media | Thomson Reuters;Reuters News
Bloomberg | media | Bloomberg News;Bloomberg L.P.;Bloomberg LP;Bloomberg Businessweek;Bloomberg Intelligence;Bloomberg NEF;BloombergNEF;BNEF
Associated Press | media | AP;The Associated Press
Agence France-Presse | media | AFP;Agence France Presse
Xinhua | media | Xinhua News Agency;Xinhua News
TASS | media | Tass;ITAR-TASS
RIA Novosti | media | !RIA
Interfax | media | 
Kyodo News | media | Kyodo
Yonhap | media | Yonhap News Agency;Yonhap News
Deutsche Presse-Agentur | media | dpa
EFE | media | Agencia EFE
ANSA | media | 
Nikkei | media | Nikkei Asia;Nikkei Asian Review;Nihon Keizai Shimbun
Financial Times | media | FT
New York Times | media | NYT;The New York Times
Wall Street Journal | media | WSJ;The Wall Street Journal
Washington Post | media | The Washington Post
CNN | media | 
BBC | media | BBC News;British Broadcasting Corporation
Politico | media | POLITICO;Politico Europe
Axios | media | 
Defense News | media | 
Breaking Defense | media | 
Defense One | media | 
DefenseScoop | media | 
Defense Daily | media | 
Inside Defense | media | 
Aviation Week | media | Aviation Week & Space Technology
Military Times | media | Army Times;Navy Times;Air Force Times
Stars and Stripes | media | 
The War Zone | media | The Drive
Naval News | media | 
National Defense Magazine | media | National Defense
Task & Purpose | media | 
Janes Defence Weekly | media | Jane's Defence Weekly
The Economist | media | !Economist
Global Times | media | 
People's Daily | media | 
China Daily | media | 
South China Morning Post | media | SCMP
Caixin | media | Caixin Global
CGTN | media | 
CCTV | media | China Central Television
Al Jazeera | media | 
The Guardian | media | !Guardian
The Times | media | 
The Telegraph | media | Daily Telegraph
Le Monde | media | 
Der Spiegel | media | Spiegel
Handelsblatt | media | 
Frankfurter Allgemeine Zeitung | media | FAZ
Korea Herald | media | The Korea Herald
Korea JoongAng Daily | media | JoongAng Ilbo
Chosun Ilbo | media | 
Korea Times | media | The Korea Times
Yomiuri Shimbun | media | Yomiuri
Asahi Shimbun | media | 
Mainichi Shimbun | media | Mainichi
Japan Times | media | The Japan Times
Taipei Times | media | 
Focus Taiwan | media | Central News Agency
DigiTimes | media | DIGITIMES
CNBC | media | 
Fox News | media | 
NBC News | media | NBC
CBS News | media | CBS
ABC News | media | 
NPR | media | National Public Radio
Forbes | media | 
Fortune | media | !Fortune
Wired | media | !Wired
The Diplomat | media | 
Foreign Policy | media | 
Foreign Affairs | media | 
War on the Rocks | media | 
The Hill | media | 
Mining.com | media | MINING.COM
Mining Weekly | media | 
Mining Journal | media | 
The Northern Miner | media | Northern Miner
Seeking Alpha | media | 
MarketWatch | media | 
Barron's | media | 
Business Insider | media | !Insider
Semafor | media | 
Kommersant | media | 
Vedomosti | media | 
RT | media | !RT;Russia Today
Sputnik | media | 
Izvestia | media | 
Times of India | media | 
Hindustan Times | media | 
The Hindu | media | 
Economic Times | media | 
Straits Times | media | The Straits Times
Channel NewsAsia | media | 
Jakarta Post | media | 
Bangkok Post | media | 
Haaretz | media | 
Times of Israel | media | 
Jerusalem Post | media | 
Kyiv Independent | media | 
Ukrainska Pravda | media | 
Meduza | media | 
Radio Free Europe/Radio Liberty | media | RFE/RL;Radio Free Europe;Radio Liberty;Radio Free Asia;RFA
Voice of America | media | VOA
Deutsche Welle | media | DW
France 24 | media | 
NHK | media | 
KBS | media | 
Euronews | media | 
Sky News | media | 
Lloyd's List | media | 
TradeWinds | media | 
Splash247 | media | !Splash
Bulletin of the Atomic Scientists | media | 
CSIS | think_tank | Center for Strategic and International Studies
RAND | think_tank | RAND Corporation;RAND Corp.;Rand Corporation
Brookings | think_tank | Brookings Institution
Heritage Foundation | think_tank | The Heritage Foundation
Atlantic Council | think_tank | 
CNAS | think_tank | Center for a New American Security
IISS | think_tank | International Institute for Strategic Studies
SIPRI | think_tank | Stockholm International Peace Research Institute
Chatham House | think_tank | Royal Institute of International Affairs
RUSI | think_tank | Royal United Services Institute
Council on Foreign Relations | think_tank | CFR
American Enterprise Institute | think_tank | AEI
Hudson Institute | think_tank | 
Carnegie Endowment for International Peace | think_tank | Carnegie Endowment;!Carnegie
Wilson Center | think_tank | Woodrow Wilson International Center for Scholars
Stimson Center | think_tank | Henry L. Stimson Center
CSBA | think_tank | Center for Strategic and Budgetary Assessments
Hoover Institution | think_tank | 
MERICS | think_tank | Mercator Institute for China Studies
ECFR | think_tank | European Council on Foreign Relations
Bruegel | think_tank | 
IFRI | think_tank | French Institute of International Relations;Ifri
SWP | think_tank | German Institute for International and Security Affairs;Stiftung Wissenschaft und Politik
DGAP | think_tank | German Council on Foreign Relations
Clingendael | think_tank | Clingendael Institute
HCSS | think_tank | The Hague Centre for Strategic Studies
Lowy Institute | think_tank | 
ASPI | think_tank | Australian Strategic Policy Institute
Belfer Center | think_tank | Belfer Center for Science and International Affairs
CSET | think_tank | Center for Security and Emerging Technology
ITIF | think_tank | Information Technology and Innovation Foundation
Peterson Institute for International Economics | think_tank | PIIE;Peterson Institute
Jamestown Foundation | think_tank | 
Institute for the Study of War | think_tank | ISW
CNA | think_tank | CNA Corporation;Center for Naval Analyses
MITRE | think_tank | MITRE Corporation;Mitre Corporation
The Aerospace Corporation | think_tank | Aerospace Corporation
Institute for Defense Analyses | think_tank | !IDA
Cato Institute | think_tank | 
Hinrich Foundation | think_tank | 
Reagan Institute | think_tank | Ronald Reagan Presidential Foundation and Institute
Special Competitive Studies Project | think_tank | SCSP
National Bureau of Asian Research | think_tank | NBR
Project 2049 Institute | think_tank | 
Resources for the Future | think_tank | 
Center on Global Energy Policy | think_tank | Columbia Center on Global Energy Policy
Oxford Institute for Energy Studies | think_tank | OIES
Council on Strategic Risks | think_tank | 
Federation of American Scientists | think_tank | FAS
Kiel Institute | think_tank | Kiel Institute for the World Economy
EUISS | think_tank | European Union Institute for Security Studies
Observer Research Foundation | think_tank | ORF
Gateway House | think_tank | 
Silverado Policy Accelerator | think_tank | !Silverado
Global Energy Monitor | think_tank | 
Payne Institute | think_tank | Payne Institute for Public Policy
German Marshall Fund | think_tank | GMF
Center for American Progress | think_tank | 
Foundation for Defense of Democracies | think_tank | FDD
C4ADS | think_tank | 
Rhodium Group | think_tank | 
Eurasia Group | think_tank | 
China Institutes of Contemporary International Relations | think_tank | CICIR
Chinese Academy of Social Sciences | think_tank | CASS
Chinese Academy of Sciences | research | !CAS
Fraunhofer | research | Fraunhofer Society;Fraunhofer-Gesellschaft
Max Planck Society | research | Max Planck
CSIRO | research | Commonwealth Scientific and Industrial Research Organisation
Geoscience Australia | research | 
British Geological Survey | research | BGS
Industrial Technology Research Institute | research | ITRI
NCSIST | research | National Chung-Shan Institute of Science and Technology
imec | research | IMEC;Interuniversity Microelectronics Centre
CEA | research | French Alternative Energies and Atomic Energy Commission;Commissariat à l'énergie atomique
Sandia National Laboratories | research | !Sandia
Lawrence Livermore National Laboratory | research | LLNL;Lawrence Livermore
Los Alamos National Laboratory | research | LANL;!Los Alamos
Oak Ridge National Laboratory | research | ORNL;!Oak Ridge
Argonne National Laboratory | research | !Argonne
Idaho National Laboratory | research | INL
National Renewable Energy Laboratory | research | NREL
Pacific Northwest National Laboratory | research | PNNL
Ames National Laboratory | research | Ames Laboratory;Ames Lab
Critical Materials Innovation Hub | research | Critical Materials Institute;CMI
MIT Lincoln Laboratory | research | Lincoln Laboratory
Johns Hopkins Applied Physics Laboratory | research | APL;Johns Hopkins APL
Naval Research Laboratory | research | NRL
Air Force Research Laboratory | research | AFRL
Army Research Laboratory | research | ARL
Massachusetts Institute of Technology | university | MIT
Harvard University | university | Harvard
Stanford University | university | Stanford
Georgetown University | university | 
Johns Hopkins University | university | Johns Hopkins
Colorado School of Mines | university | 
Tsinghua University | university | Tsinghua
Peking University | university | 
Beihang University | university | Beijing University of Aeronautics and Astronautics
Harbin Institute of Technology | university | !HIT
National University of Defense Technology | university | NUDT
Northwestern Polytechnical University | university | NWPU
Seven Sons of National Defence | university | Seven Sons of National Defense
NDIA | association | National Defense Industrial Association
Aerospace Industries Association | association | AIA
Semiconductor Industry Association | association | SIA
SEMI | association | 
AeroSpace and Defence Industries Association of Europe | association | !ASD;AeroSpace and Defence Industries Association of Europe
ADS Group | association | 
BDSV | association | Federal Association of the German Security and Defence Industry
Cobalt Institute | association | 
International Lithium Association | association | 
China Nonferrous Metals Industry Association | association | CNIA
China Rare Earth Industry Association | association | ACREI;Association of China Rare Earth Industry
China Iron and Steel Association | association | CISA China
China Semiconductor Industry Association | association | CSIA
Eurometaux | association | 
American Iron and Steel Institute | association | AISI
Aluminum Association | association | 
World Gold Council | association | 
Silver Institute | association | 
International Tin Association | association | ITA Tin
Minor Metals Trade Association | association | MMTA
National Mining Association | association | NMA
Critical Minerals Association | association | 
US Chamber of Commerce | association | U.S. Chamber of Commerce;Chamber of Commerce
American Chamber of Commerce | association | AmCham
EU Chamber of Commerce in China | association | European Union Chamber of Commerce in China
Business Roundtable | association | 
BusinessEurope | association | 
BDI | association | Federation of German Industries;Bundesverband der Deutschen Industrie
Keidanren | association | Japan Business Federation
World Nuclear Association | association | WNA
World Steel Association | association | worldsteel
SAE International | association | SAE
International Energy Forum | association | IEF
European Raw Materials Alliance | industry_alliance | ERMA
European Battery Alliance | industry_alliance | !EBA
European Clean Hydrogen Alliance | industry_alliance | 
Zero Emission Transportation Association | association | !ZETA
IEA | international_agency | International Energy Agency
IAEA | international_agency | International Atomic Energy Agency
WTO | international_agency | World Trade Organization;World Trade Organisation
IMF | international_agency | International Monetary Fund
World Bank | international_agency | World Bank Group;International Bank for Reconstruction and Development;IBRD
IFC | international_agency | International Finance Corporation
MIGA | international_agency | Multilateral Investment Guarantee Agency
UN | international_agency | United Nations;U.N.
UNCTAD | international_agency | United Nations Conference on Trade and Development;UN Trade and Development
UNIDO | international_agency | United Nations Industrial Development Organization
UNEP | international_agency | United Nations Environment Programme;UN Environment Programme
UNDP | international_agency | United Nations Development Programme
UN Security Council | international_agency | United Nations Security Council;UNSC;Security Council
UN General Assembly | international_agency | United Nations General Assembly;UNGA
UN Panel of Experts | international_agency | Panel of Experts
UN Comtrade | international_agency | Comtrade
WIPO | international_agency | World Intellectual Property Organization
ILO | international_agency | International Labour Organization;International Labor Organization
ITU | international_agency | International Telecommunication Union
OPCW | international_agency | Organisation for the Prohibition of Chemical Weapons
ICAO | international_agency | International Civil Aviation Organization
International Maritime Organization | international_agency | !IMO
World Health Organization | international_agency | !WHO
IRENA | international_agency | International Renewable Energy Agency
International Seabed Authority | international_agency | !ISA
FATF | international_agency | Financial Action Task Force
NEA | international_agency | Nuclear Energy Agency;OECD Nuclear Energy Agency
EBRD | international_agency | European Bank for Reconstruction and Development
EIB | international_agency | European Investment Bank
ADB | international_agency | Asian Development Bank
AfDB | international_agency | African Development Bank
AIIB | international_agency | Asian Infrastructure Investment Bank
New Development Bank | international_agency | NDB;BRICS Bank
Inter-American Development Bank | international_agency | IDB
European Defence Agency | international_agency | EDA;European Defense Agency
European Space Agency | international_agency | ESA
NSPA | international_agency | NATO Support and Procurement Agency
NATO Innovation Fund | international_agency | NIF
NATO DIANA | international_agency | !DIANA;Defence Innovation Accelerator for the North Atlantic
OCCAR | international_agency | Organisation for Joint Armament Co-operation;Organisation Conjointe de Coopération en matière d'Armement
European Commission | international_agency | !EC;EU Commission
European Parliament | international_agency | 
European Council | international_agency | 
Council of the European Union | international_agency | Council of the EU;EU Council
European Central Bank | international_agency | ECB
Eurostat | international_agency | 
Joint Research Centre | international_agency | JRC;European Commission Joint Research Centre
Euratom | international_agency | Euratom Supply Agency;European Atomic Energy Community
Pentagon | government | The Pentagon
Department of Defense | government | DoD;DOD;U.S. Department of Defense;US Department of Defense;Defense Department;Department of War;War Department;Office of the Secretary of Defense;OSD
Department of Commerce | government | Commerce Department;U.S. Department of Commerce;US Department of Commerce;!DOC
Bureau of Industry and Security | government | BIS
Department of Energy | government | DOE;DoE;U.S. Department of Energy;Energy Department
Department of State | government | State Department;U.S. Department of State
Department of the Treasury | government | Treasury Department;U.S. Treasury;Treasury
OFAC | government | Office of Foreign Assets Control
Department of the Interior | government | Interior Department;!DOI
USGS | government | U.S. Geological Survey;US Geological Survey;United States Geological Survey
National Minerals Information Center | government | NMIC
Department of Homeland Security | government | DHS
CISA | government | Cybersecurity and Infrastructure Security Agency
Department of Justice | government | DOJ;Justice Department
Department of Transportation | government | !DOT
Department of Agriculture | government | USDA
Department of Labor | government | DOL
Congress | government | U.S. Congress;US Congress;United States Congress
House of Representatives | government | U.S. House;US House
Senate | government | U.S. Senate;US Senate
House Armed Services Committee | government | HASC;U.S. House Armed Services Committee
Senate Armed Services Committee | government | SASC
House Select Committee on the CCP | government | House Select Committee on the Chinese Communist Party;Select Committee on the CCP;Select Committee on China
U.S.-China Economic and Security Review Commission | government | USCC;US-China Economic and Security Review Commission
GAO | government | Government Accountability Office;U.S. Government Accountability Office
Congressional Research Service | government | CRS
Congressional Budget Office | government | CBO
White House | government | The White House
National Security Council | government | NSC
National Economic Council | government | 
USTR | government | Office of the United States Trade Representative;U.S. Trade Representative;United States Trade Representative
OSTP | government | Office of Science and Technology Policy
Office of Management and Budget | government | OMB
DARPA | government | Defense Advanced Research Projects Agency
Defense Logistics Agency | government | DLA;DLA Strategic Materials;Defense Logistics Agency Strategic Materials
National Defense Stockpile | government | !NDS;Strategic and Critical Materials Stockpile
NASA | government | National Aeronautics and Space Administration
CFIUS | government | Committee on Foreign Investment in the United States
EXIM | government | Export-Import Bank of the United States;Ex-Im Bank;EXIM Bank;US EXIM
DFC | government | U.S. International Development Finance Corporation;International Development Finance Corporation;US International Development Finance Corporation;Development Finance Corporation
Office of Strategic Capital | government | !OSC
Industrial Base Policy | government | Office of Industrial Base Policy;Office of the Assistant Secretary of Defense for Industrial Base Policy;MIBP;Manufacturing and Industrial Base Policy;IBP
Defense Production Act Title III | government | DPA Title III;DPA Title III Office
Office of the Under Secretary of Defense for Acquisition and Sustainment | government | OUSD(A&S);!A&S;USD(A&S)
Defense Innovation Unit | government | DIU
Defense Threat Reduction Agency | government | DTRA
Defense Contract Management Agency | government | DCMA
Defense Contract Audit Agency | government | DCAA
Defense Intelligence Agency | government | DIA
Missile Defense Agency | government | MDA
Defense Security Cooperation Agency | government | DSCA
Defense Counterintelligence and Security Agency | government | DCSA
Army Materiel Command | government | !AMC
Army Contracting Command | government | !ACC
Joint Program Executive Office Armaments and Ammunition | government | JPEO A&A;JPEO-A&A;Joint Program Executive Office for Armaments & Ammunition;PEO Ammo
Naval Sea Systems Command | government | NAVSEA
Naval Air Systems Command | government | NAVAIR
Air Force Materiel Command | government | AFMC
Space Systems Command | government | !SSC
Military Sealift Command | government | 
Army Corps of Engineers | government | U.S. Army Corps of Engineers;USACE
National Nuclear Security Administration | government | NNSA
Nuclear Regulatory Commission | government | NRC
Federal Energy Regulatory Commission | government | FERC
Environmental Protection Agency | government | EPA
Federal Reserve | government | !Fed;Federal Reserve Board
Securities and Exchange Commission | government | SEC
Federal Trade Commission | government | FTC
Federal Communications Commission | government | FCC
Commodity Futures Trading Commission | government | CFTC
NIST | government | National Institute of Standards and Technology
CHIPS Program Office | government | CHIPS for America;CHIPS Program
National Science Foundation | government | NSF
International Trade Administration | government | !ITA
International Trade Commission | government | ITC;USITC;U.S. International Trade Commission
Customs and Border Protection | government | CBP;U.S. Customs and Border Protection
Maritime Administration | government | MARAD
Small Business Administration | government | SBA
USAID | government | U.S. Agency for International Development
Central Intelligence Agency | government | CIA
National Security Agency | government | NSA
Office of the Director of National Intelligence | government | ODNI;Director of National Intelligence
FBI | government | Federal Bureau of Investigation
National Reconnaissance Office | government | NRO
Loan Programs Office | government | LPO
MOFCOM | government | Ministry of Commerce;Chinese Ministry of Commerce;China's Ministry of Commerce;Ministry of Commerce of the People's Republic of China
MIIT | government | Ministry of Industry and Information Technology
NDRC | government | National Development and Reform Commission
SASTIND | government | State Administration for Science, Technology and Industry for National Defense
SASAC | government | State-owned Assets Supervision and Administration Commission
State Council | government | Chinese State Council;China's State Council
Central Military Commission | government | !CMC
People's Liberation Army | military | PLA;PLA Navy;!PLAN;PLA Air Force;PLAAF;PLA Rocket Force;PLARF
Chinese Communist Party | political_party | CCP;Communist Party of China;!CPC;Chinese Communist Party's
General Administration of Customs | government | GACC;China Customs
State Administration for Market Regulation | government | SAMR
Ministry of Natural Resources | government | MNR
Ministry of State Security | government | MSS
Cyberspace Administration of China | government | CAC China
METI | government | Ministry of Economy, Trade and Industry
Japan Ministry of Defense | government | Japanese Ministry of Defense
ATLA | government | Acquisition, Technology & Logistics Agency;Acquisition, Technology and Logistics Agency
JOGMEC | government | Japan Organization for Metals and Energy Security;Japan Oil, Gas and Metals National Corporation
JBIC | government_finance | Japan Bank for International Cooperation
NEXI | government_finance | Nippon Export and Investment Insurance
MCC | government_finance | Millennium Challenge Corporation
AFC | government_finance | Africa Finance Corporation
NDB | government_finance | New Development Bank
UKEF | government_finance | UK Export Finance
BII | government_finance | British International Investment
Proparco | government_finance | Proparco
FMO | government_finance | Dutch Entrepreneurial Development Bank
EDC | government_finance | Export Development Canada
EFA | government_finance | Export Finance Australia
Self-Defense Forces | military | Japan Self-Defense Forces;JSDF;SDF;Japan Maritime Self-Defense Force;JMSDF;Japan Ground Self-Defense Force;JGSDF;Japan Air Self-Defense Force;JASDF
MOTIE | government | Ministry of Trade, Industry and Energy
DAPA | government | Defense Acquisition Program Administration
KOMIR | government | Korea Mine Rehabilitation and Mineral Resources Corporation
KOTRA | government | Korea Trade-Investment Promotion Agency
Ministry of Defence | government | MoD;MOD;UK Ministry of Defence;UK MoD
Defence Equipment and Support | government | DE&S
Dstl | government | Defence Science and Technology Laboratory
HM Treasury | government | 
Department for Business and Trade | government | DBT
UK Export Finance | government_finance | UKEF
Bundeswehr | military | 
BAAINBw | government | Federal Office of Bundeswehr Equipment, Information Technology and In-Service Support
Federal Ministry of Defence | government | BMVg;German Ministry of Defence
Bundestag | government | 
KfW | government_finance | KfW Development Bank;Kreditanstalt für Wiederaufbau
DGA | government | Direction générale de l'armement;Direction Generale de l'Armement;French Defence Procurement Agency
Kremlin | government | The Kremlin
State Duma | government | Duma
Russian Ministry of Defense | government | Russian Defense Ministry;Russian Ministry of Defence
Roscosmos | government | Russian Space Agency
Federal Service for Military-Technical Cooperation | government | FSVTS
Minpromtorg | government | Ministry of Industry and Trade
Ministry of Economic Affairs | government | MOEA
DRDO | government | Defence Research and Development Organisation
ISRO | government | Indian Space Research Organisation
Ordnance Factory Board | government | OFB
Department of Defence Production | government | DDP
Australian Department of Defence | government | Department of Defence
Critical Minerals Office | government | 
Export Finance Australia | government_finance | EFA
Natural Resources Canada | government | NRCan
Canada Infrastructure Bank | government_finance | 
Defence Research and Development Canada | government | DRDC
Israel Ministry of Defense | government | IMOD
SIBAT | government | 
Presidency of Defense Industries | government | SSB;Savunma Sanayii Başkanlığı
GAMI | government | General Authority for Military Industries
Public Investment Fund | government_finance | PIF
Mubadala | government_finance | Mubadala Investment Company
Temasek | government_finance | Temasek Holdings
GIC | government_finance | 
China Investment Corporation | government_finance | CIC
China Development Bank | government_finance | CDB
Export-Import Bank of China | government_finance | China Exim Bank;China EXIM;Exim Bank of China
Silk Road Fund | government_finance | 
Korea Eximbank | government_finance | Export-Import Bank of Korea;KEXIM
Bpifrance | government_finance | 
Japan Space Agency | government | JAXA;Japan Aerospace Exploration Agency
CNES | government | Centre national d'études spatiales
CNSA | government | China National Space Administration
Panama Canal Authority | government | !ACP
Suez Canal Authority | government | !SCA
U.S. Army | military | US Army;United States Army
U.S. Navy | military | US Navy;United States Navy
U.S. Air Force | military | US Air Force;United States Air Force;USAF
U.S. Marine Corps | military | US Marine Corps;USMC
U.S. Space Force | military | US Space Force;USSF
U.S. Coast Guard | military | US Coast Guard;USCG
National Guard | military | 
INDOPACOM | military | U.S. Indo-Pacific Command;Indo-Pacific Command
EUCOM | military | U.S. European Command
TRANSCOM | military | U.S. Transportation Command;USTRANSCOM
Royal Navy | military | 
Royal Air Force | military | RAF
British Army | military | 
Armed Forces of Ukraine | military | Ukrainian Armed Forces
Russian Armed Forces | military | 
McAlester Army Ammunition Plant | government_facility | MCAAP
Crane Army Ammunition Activity | government_facility | CAAA
Naval Surface Warfare Center Indian Head | government_facility | NSWC Indian Head
Pine Bluff Arsenal | government_facility | 
Watervliet Arsenal | government_facility | 
Rock Island Arsenal | government_facility | 
Anniston Army Depot | government_facility | 
Tobyhanna Army Depot | government_facility | 
Red River Army Depot | government_facility | 
Puget Sound Naval Shipyard | government_facility | 
Norfolk Naval Shipyard | government_facility | 
Portsmouth Naval Shipyard | government_facility | 
Pearl Harbor Naval Shipyard | government_facility | 
Republican Party | political_party | GOP
Democratic Party | political_party | Democrats
"""

# Head keywords that mark an organisation name as a non-firm.  strength: strong = almost never in a firm's name;
# weak = also found in firm names (use only with another signal).
NON_FIRM_KEYWORDS = r"""
Ministry | government | strong
Ministry of | government | strong
Minister | government | strong
Department | government | strong
Department of | government | strong
Agency | government | weak
Administration | government | strong
Commission | government | strong
Committee | government | strong
Council | government | strong
Parliament | government | strong
Congress | government | strong
Senate | government | strong
House of | government | weak
Assembly | government | weak
Duma | government | strong
Bundestag | government | strong
Knesset | government | strong
Diet | government | weak
Cabinet | government | strong
Government | government | strong
Treasury | government | strong
Embassy | government | strong
Consulate | government | strong
Secretariat | government | strong
Directorate | government | strong
Authority | government | strong
Bureau | government | strong
Office | government | weak
Office of | government | strong
Program Office | government | strong
Service | government | weak
Court | government | strong
Tribunal | government | strong
Regulator | government | strong
Task Force | government | strong
Working Group | government | strong
State Council | government | strong
Federal Reserve | government | strong
Central Bank | government_finance | strong
Reserve Bank | government_finance | strong
Development Bank | government_finance | strong
Export-Import Bank | government_finance | strong
Sovereign Wealth Fund | government_finance | strong
Army | military | strong
Navy | military | strong
Air Force | military | strong
Marine Corps | military | strong
Marines | military | strong
Space Force | military | strong
Coast Guard | military | strong
National Guard | military | strong
Armed Forces | military | strong
Self-Defense Forces | military | strong
Forces | military | weak
Command | military | strong
Corps | military | weak
Fleet | military | strong
Brigade | military | strong
Regiment | military | strong
Battalion | military | strong
Squadron | military | strong
Sustainment | military | strong
Division | military | weak
Arsenal | government_facility | weak
Depot | government_facility | weak
Naval Shipyard | government_facility | strong
University | university | strong
Université | university | strong
Universität | university | strong
Universidad | university | strong
College | university | strong
School of | university | strong
Academy | research | strong
Academy of Sciences | research | strong
Institute | research | strong
Institution | research | strong
Laboratory | research | weak
Laboratories | research | weak
National Laboratory | research | strong
Research Center | research | weak
Research Centre | research | weak
Center for | think_tank | strong
Centre for | think_tank | strong
Center on | think_tank | strong
Foundation | think_tank | strong
Endowment | think_tank | strong
Think Tank | think_tank | strong
Association | association | strong
Federation | association | weak
Society | association | weak
Chamber of Commerce | association | strong
Chamber | association | weak
Council on | think_tank | strong
Forum | association | weak
Coalition | association | weak
Party | political_party | strong
News | media | weak
Times | media | weak
Post | media | weak
Journal | media | strong
Daily | media | weak
Herald | media | strong
Gazette | media | strong
Tribune | media | strong
Magazine | media | strong
Radio | media | weak
Television | media | weak
Broadcasting | media | weak
Press | media | weak
News Agency | media | strong
Shimbun | media | strong
Ilbo | media | strong
"""


# ================================================================ BUILDER
import json
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def _uniq(seq):
    seen, out = set(), []
    for x in seq:
        x = x.strip()
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def _fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _variants(names):
    """Add accent-folded and curly-apostrophe variants."""
    out = []
    for n in names:
        out.append(n)
        f = _fold(n)
        if f != n:
            out.append(f)
        for m in (n, f):
            if "'" in m:
                out.append(m.replace("'", "\u2019"))
    return _uniq(out)


def _rows(block):
    for line in block.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("|")]


def _split(cell):
    return [x.strip() for x in cell.split(";") if x.strip()]


def _write(name, recs):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- alliances
def build_alliances():
    recs = []
    for cols in _rows(ALLIANCES):
        norm, kind, aliases = cols[0], cols[1], _split(cols[2])
        cs = _split(cols[3]) if len(cols) > 3 else []
        rec = {"label": "ALLIANCE", "norm": norm, "kind": kind, "aliases": _variants(aliases)}
        if cs:
            rec["case_sensitive"] = True
            rec["case_sensitive_aliases"] = cs
        if norm in ALLIANCE_METONYMS:
            rec["metonyms"] = ALLIANCE_METONYMS[norm]
        if norm in ALLIANCE_NOTES:
            rec["note"] = ALLIANCE_NOTES[norm]
        recs.append(rec)
    recs.sort(key=lambda r: r["norm"])
    return recs


# ---------------------------------------------------------------- materials
def build_materials():
    eu_crm = {x.replace("_", " ") for x in EU_2023_CRM}
    eu_srm = {x.replace("_", " ") for x in EU_2023_SRM}
    usgs = set(USGS_2022)
    recs = {}

    def groups_for(norm, extra=()):
        g = []
        if norm in usgs:
            g.append("usgs_2022")
        if norm in eu_crm:
            g.append("eu_2023_crm")
        if norm in eu_srm:
            g.append("eu_2023_srm")
        for x in extra:
            if x and x not in g:
                g.append(x)
        return g

    elements = []
    for tok in ELEMENTS.replace("\n", "").split(";"):
        name, sym, z = tok.split()
        elements.append((name, sym, int(z)))
    for name, sym, z in elements:
        names = [name] + ELEMENT_VARIANTS.get(name, [])
        aliases = list(names)
        if name in FORM_METALS:
            for n in names:
                for form in FORMS_ALL + FORMS_EXTRA.get(name, []):
                    aliases.append(f"{n} {form}")
        elif name in FORMS_EXTRA:
            for n in names:
                for form in FORMS_EXTRA[name]:
                    aliases.append(f"{n} {form}")
        aliases += ELEMENT_EXTRA_ALIASES.get(name, [])
        if name == "aluminum":
            aliases += ["primary aluminium"]
        parent, subclass = None, None
        if name in RARE_EARTH_LIGHT:
            parent, subclass = "rare earth elements", "light rare earth elements"
        elif name in RARE_EARTH_HEAVY:
            parent, subclass = "rare earth elements", "heavy rare earth elements"
        elif name in RARE_EARTH_OTHER:
            parent = "rare earth elements"
        elif name in PGM:
            parent = "platinum group metals"
        elif name in NOBLE_GASES:
            parent = "noble gases"
        elif name in PRECIOUS:
            parent = "precious metals"
        elif name in BASE_METALS:
            parent = "base metals"
        extra_groups = []
        if name in EU_MAGNET_REE:
            extra_groups.append("eu_2023_srm")
        if subclass:
            extra_groups.append("eu_2023_crm")  # EU lists LREE and HREE as groups
        if parent == "platinum group metals":
            extra_groups += ["eu_2023_crm", "eu_2023_srm"]
        amb_sym = sym in AMBIGUOUS_SYMBOLS or len(sym) == 1
        rec = {
            "label": "MATERIAL", "norm": name, "kind": "element",
            "aliases": _uniq(aliases),
            "symbols": [] if amb_sym else [sym],
            "atomic_number": z,
        }
        if amb_sym:
            rec["ambiguous_symbols"] = [sym]
        amb = [a for a in rec["aliases"] if a in AMBIGUOUS_ELEMENT_NAMES or a in AMBIGUOUS_EXTRA_ALIASES]
        if amb:
            rec["ambiguous_aliases"] = amb
        if parent:
            rec["parent"] = parent
        if subclass:
            rec["subclass"] = subclass
        if name in ACTINIDES and name not in ("uranium", "thorium", "plutonium"):
            rec["rare_in_domain"] = True
        rec["groups"] = groups_for(name, extra_groups)
        recs[name] = rec

    for cols in _rows(OTHER_MATERIALS):
        norm, kind, parent = cols[0].lower(), cols[1], cols[2]
        aliases = _split(cols[3])
        if not any(x.lower() == norm for x in aliases):
            aliases = [norm] + aliases
        amb = _split(cols[4]) if len(cols) > 4 else []
        ctx = _split(cols[5]) if len(cols) > 5 else []
        extra_groups = _split(cols[6]) if len(cols) > 6 else []
        assert norm not in recs, norm
        rec = {"label": "MATERIAL", "norm": norm, "kind": kind, "aliases": _variants(aliases)}
        if amb:
            rec["ambiguous_aliases"] = amb
        if ctx:
            rec["context_aliases"] = ctx
        if parent:
            rec["parent"] = parent
        rec["groups"] = groups_for(norm, extra_groups)
        recs[norm] = rec

    out = sorted(recs.values(), key=lambda r: (r["kind"] != "class", r["kind"] != "element", r["norm"].lower()))
    return out


# ---------------------------------------------------------------- suppliers
SUFFIXES = {
    "corp": ["{} Corporation", "{} Corp.", "{} Corp"],
    "inc": ["{} Inc.", "{}, Inc.", "{} Inc", "{} Incorporated"],
    "co": ["{} Company", "{} Co."],
    "coltd": ["{} Co., Ltd.", "{} Co. Ltd.", "{} Co., Ltd"],
    "ltd": ["{} Ltd", "{} Ltd.", "{} Limited"],
    "plc": ["{} plc", "{} PLC"],
    "ag": ["{} AG"], "se": ["{} SE"], "sa": ["{} SA", "{} S.A."], "spa": ["{} S.p.A.", "{} SpA"],
    "nv": ["{} N.V.", "{} NV"], "ab": ["{} AB"], "asa": ["{} ASA"], "as": ["{} AS", "{} A/S"],
    "gmbh": ["{} GmbH"], "llc": ["{} LLC"], "oyj": ["{} Oyj"],
}
SECTORS = {"defense", "aerospace", "shipbuilding", "semiconductors", "mining", "refining", "energetics", "energy",
           "logistics", "batteries", "industrial", "technology", "services"}
# Norms that keep a corporate word because it is part of the distinguishing name.
KEEP_SUFFIX_NORMS = {"Mitsubishi Corporation", "Sumitomo Corporation", "Mitsui & Co.", "Sierra Nevada Corporation",
                     "Electron Energy Corporation", "Indium Corporation", "Kuwait Petroleum Corporation",
                     "China Electronics Corporation", "Shenyang Aircraft Corporation", "Xi'an Aircraft Industrial Corporation",
                     "United Aircraft Corporation", "United Shipbuilding Corporation", "Tactical Missiles Corporation",
                     "United Engine Corporation"}


def build_suppliers():
    recs = []
    for block in (SUPPLIERS, SUPPLIERS2, SUPPLIERS3, SITES):
        for cols in _rows(block):
            cols += [""] * (6 - len(cols))
            norm, country, sector, sfx, aliases, kind = cols[:6]
            kind = kind or "company"
            assert sector in SECTORS, (norm, sector)
            assert len(country) == 3 and country.isupper(), (norm, country)
            raw = _split(aliases)
            amb = _uniq([a[1:] for a in raw if a.startswith("!")])
            names = [norm] + [a for a in raw if not a.startswith("!")]
            for code in _split(sfx.replace(",", ";")):
                for pat in SUFFIXES[code]:
                    names.append(pat.format(norm))
            rec = {"label": "SUPPLIER", "norm": norm, "aliases": _variants(names), "country": country,
                   "sector": sector, "kind": kind, "case_sensitive": True}
            amb_only = [a for a in amb if a != norm]
            if amb_only:
                rec["ambiguous_aliases"] = _variants(amb_only)
            if norm in amb:
                rec["norm_ambiguous"] = True
            recs.append(rec)
    recs.sort(key=lambda r: r["norm"].lower())
    return recs


# ---------------------------------------------------------------- non-suppliers
def build_non_suppliers():
    recs = []
    for cols in _rows(NON_SUPPLIERS):
        cols += [""] * (3 - len(cols))
        name, kind, aliases = cols[:3]
        raw = [name] + _split(aliases)
        amb = [a[1:] for a in raw if a.startswith("!")]
        name = raw[0].lstrip("!")
        rec = {"name": name, "kind": kind, "aliases": _variants([a.lstrip("!") for a in raw])}
        if amb:
            rec["ambiguous_aliases"] = amb
        recs.append(rec)
        for a in rec["aliases"]:
            if a != name:
                recs.append({"name": a, "kind": kind, "alias_of": name})
    seen, dedup = set(), []
    for r in recs:
        k = (r["name"], r.get("alias_of"))
        if k not in seen:
            seen.add(k)
            dedup.append(r)
    recs = dedup
    recs.sort(key=lambda r: (r["kind"], (r.get("alias_of") or r["name"]).lower(), "alias_of" in r, r["name"].lower()))
    kw = []
    for cols in _rows(NON_FIRM_KEYWORDS):
        kw.append({"keyword": cols[0], "kind": cols[1], "strength": cols[2]})
    return recs + kw


def main():
    files = {
        "alliances.jsonl": build_alliances(),
        "materials.jsonl": build_materials(),
        "suppliers.jsonl": build_suppliers(),
        "non_suppliers.jsonl": build_non_suppliers(),
    }
    for name, recs in files.items():
        _write(name, recs)
        print(f"{name}: {len(recs)}")


if __name__ == "__main__":
    main()
