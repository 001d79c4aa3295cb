#!/usr/bin/env python3
"""Generate nations.jsonl and territories.jsonl from pycountry plus hand tables.

Run with the project venv:  .venv/bin/python corpora/gazetteers/build_nations.py

nations.jsonl      one line per sovereign state (label NATION, norm = ISO 3166-1 alpha-3)
territories.jsonl  ISO 3166-1 entries that are not sovereign states, plus
                   constituent countries and disputed / unrecognised regions,
                   so the extractor can block them (they are never NATION).
"""
import json
import os
import unicodedata

import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))

# ISO 3166-1 entries that are not sovereign states.  Value: administering state.
NON_SOVEREIGN = {
    "ABW": "NLD", "AIA": "GBR", "ALA": "FIN", "ASM": "USA", "ATA": None,
    "ATF": "FRA", "BES": "NLD", "BLM": "FRA", "BMU": "GBR", "BVT": "NOR",
    "CCK": "AUS", "COK": "NZL", "CUW": "NLD", "CXR": "AUS", "CYM": "GBR",
    "ESH": None, "FLK": "GBR", "FRO": "DNK", "GGY": "GBR", "GIB": "GBR",
    "GLP": "FRA", "GRL": "DNK", "GUF": "FRA", "GUM": "USA", "HKG": "CHN",
    "HMD": "AUS", "IMN": "GBR", "IOT": "GBR", "JEY": "GBR", "MAC": "CHN",
    "MAF": "FRA", "MNP": "USA", "MSR": "GBR", "MTQ": "FRA", "MYT": "FRA",
    "NCL": "FRA", "NFK": "AUS", "NIU": "NZL", "PCN": "GBR", "PRI": "USA",
    "PYF": "FRA", "REU": "FRA", "SGS": "GBR", "SHN": "GBR", "SJM": "NOR",
    "SPM": "FRA", "SXM": "NLD", "TCA": "GBR", "TKL": "NZL", "UMI": "USA",
    "VGB": "GBR", "VIR": "USA", "WLF": "FRA",
}

# Extra aliases for territories (pycountry names are added automatically).
TERRITORY_EXTRA = {
    "HKG": ["Hong Kong", "Hong Kong SAR", "HKSAR", "Hong Kong Special Administrative Region"],
    "MAC": ["Macau", "Macao", "Macau SAR", "Macao SAR"],
    "PRI": ["Puerto Rico"], "GRL": ["Greenland"], "GUM": ["Guam"],
    "FLK": ["Falkland Islands", "Falklands", "Malvinas"],
    "VGB": ["British Virgin Islands", "BVI"], "VIR": ["U.S. Virgin Islands", "US Virgin Islands", "USVI"],
    "MAF": ["Saint Martin", "St. Martin"], "SXM": ["Sint Maarten"],
    "SHN": ["Saint Helena", "St. Helena", "Ascension Island", "Tristan da Cunha"],
    "SJM": ["Svalbard", "Jan Mayen"], "CCK": ["Cocos Islands", "Keeling Islands"],
    "ESH": ["Western Sahara"], "NCL": ["New Caledonia"], "REU": ["Reunion", "Réunion"],
    "CUW": ["Curacao", "Curaçao"], "BES": ["Bonaire", "Sint Eustatius", "Saba", "Caribbean Netherlands"],
    "MNP": ["Northern Mariana Islands", "Northern Marianas"], "ATA": ["Antarctica"],
    "IOT": ["British Indian Ocean Territory", "Chagos Islands", "Chagos Archipelago", "Diego Garcia"],
    "UMI": ["United States Minor Outlying Islands", "Wake Island", "Midway Atoll"],
    "SPM": ["Saint Pierre and Miquelon", "St. Pierre and Miquelon"],
    "BLM": ["Saint Barthélemy", "Saint Barthelemy", "St. Barts"],
}

# Not in ISO 3166-1 as separate entries, but named like countries in text.
OTHER_NON_SOVEREIGN = [
    ("constituent_country", "GBR", ["England"]),
    ("constituent_country", "GBR", ["Scotland"]),
    ("constituent_country", "GBR", ["Wales"]),
    ("constituent_country", "GBR", ["Northern Ireland"]),
    ("disputed_region", None, ["Crimea"]),
    ("disputed_region", None, ["Donbas", "Donbass"]),
    ("disputed_region", None, ["Transnistria"]),
    ("disputed_region", None, ["Abkhazia"]),
    ("disputed_region", None, ["South Ossetia"]),
    ("disputed_region", None, ["Northern Cyprus", "Turkish Republic of Northern Cyprus", "TRNC"]),
    ("disputed_region", None, ["Somaliland"]),
    ("disputed_region", None, ["Kashmir", "Jammu and Kashmir"]),
    ("disputed_region", None, ["Nagorno-Karabakh"]),
    ("region", "CHN", ["Tibet"]),
    ("region", "CHN", ["Xinjiang"]),
    ("region", None, ["Kurdistan", "Iraqi Kurdistan"]),
]

# Hand table for sovereign states: code -> (extra aliases, capitals, demonyms).
# Semicolon-separated.  Capitals = seat(s) of government usable as metonymy.
T = {
 "AFG": ("Afghanistan", "Kabul", "Afghan"),
 "AGO": ("Angola", "Luanda", "Angolan"),
 "ALB": ("Albania", "Tirana", "Albanian"),
 "AND": ("Andorra", "Andorra la Vella", "Andorran"),
 "ARE": ("United Arab Emirates;UAE;U.A.E.", "Abu Dhabi", "Emirati"),
 "ARG": ("Argentina;Argentine Republic", "Buenos Aires", "Argentine;Argentinian;Argentinean"),
 "ARM": ("Armenia", "Yerevan", "Armenian"),
 "ATG": ("Antigua and Barbuda;Antigua & Barbuda", "St. John's;Saint John's", "Antiguan;Barbudan"),
 "AUS": ("Australia;Commonwealth of Australia", "Canberra", "Australian"),
 "AUT": ("Austria", "Vienna", "Austrian"),
 "AZE": ("Azerbaijan", "Baku", "Azerbaijani;Azeri"),
 "BDI": ("Burundi", "Gitega;Bujumbura", "Burundian"),
 "BEL": ("Belgium", "Brussels", "Belgian"),
 "BEN": ("Benin", "Porto-Novo;Cotonou", "Beninese"),
 "BFA": ("Burkina Faso;Burkina", "Ouagadougou", "Burkinabe;Burkinabè"),
 "BGD": ("Bangladesh", "Dhaka", "Bangladeshi"),
 "BGR": ("Bulgaria", "Sofia", "Bulgarian"),
 "BHR": ("Bahrain", "Manama", "Bahraini"),
 "BHS": ("Bahamas;The Bahamas;Commonwealth of The Bahamas", "Nassau", "Bahamian"),
 "BIH": ("Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia & Herzegovina;Bosnia", "Sarajevo", "Bosnian;Herzegovinian"),
 "BLR": ("Belarus", "Minsk", "Belarusian;Belarussian"),
 "BLZ": ("Belize", "Belmopan", "Belizean"),
 "BOL": ("Bolivia", "La Paz;Sucre", "Bolivian"),
 "BRA": ("Brazil", "Brasília;Brasilia", "Brazilian"),
 "BRB": ("Barbados", "Bridgetown", "Barbadian;Bajan"),
 "BRN": ("Brunei;Brunei Darussalam", "Bandar Seri Begawan", "Bruneian"),
 "BTN": ("Bhutan", "Thimphu", "Bhutanese"),
 "BWA": ("Botswana", "Gaborone", "Botswanan;Motswana;Batswana"),
 "CAF": ("Central African Republic", "Bangui", "Central African"),
 "CAN": ("Canada", "Ottawa", "Canadian"),
 "CHE": ("Switzerland;Swiss Confederation", "Bern;Berne", "Swiss"),
 "CHL": ("Chile", "Santiago", "Chilean"),
 "CHN": ("China;PRC;P.R.C.;People's Republic of China;Mainland China;mainland China;Chinese mainland;Communist China", "Beijing", "Chinese;Sino"),
 "CIV": ("Côte d'Ivoire;Cote d'Ivoire;Ivory Coast", "Yamoussoukro;Abidjan", "Ivorian"),
 "CMR": ("Cameroon", "Yaoundé;Yaounde", "Cameroonian"),
 "COD": ("Democratic Republic of the Congo;Democratic Republic of Congo;DR Congo;D.R. Congo;DRC;D.R.C.;Congo-Kinshasa;Congo (Kinshasa);Congo", "Kinshasa", "Congolese"),
 "COG": ("Republic of the Congo;Republic of Congo;Congo Republic;Congo-Brazzaville;Congo (Brazzaville)", "Brazzaville", "Congolese"),
 "COL": ("Colombia", "Bogotá;Bogota", "Colombian"),
 "COM": ("Comoros;Union of the Comoros", "Moroni", "Comorian"),
 "CPV": ("Cabo Verde;Cape Verde", "Praia", "Cape Verdean;Cabo Verdean"),
 "CRI": ("Costa Rica", "San José;San Jose", "Costa Rican"),
 "CUB": ("Cuba", "Havana", "Cuban"),
 "CYP": ("Cyprus", "Nicosia", "Cypriot"),
 "CZE": ("Czechia;Czech Republic", "Prague", "Czech"),
 "DEU": ("Germany;Federal Republic of Germany;FRG", "Berlin", "German"),
 "DJI": ("Djibouti", "Djibouti City", "Djiboutian"),
 "DMA": ("Dominica", "Roseau", "Dominican"),
 "DNK": ("Denmark", "Copenhagen", "Danish"),
 "DOM": ("Dominican Republic", "Santo Domingo", "Dominican"),
 "DZA": ("Algeria", "Algiers", "Algerian"),
 "ECU": ("Ecuador", "Quito", "Ecuadorian;Ecuadorean"),
 "EGY": ("Egypt", "Cairo", "Egyptian"),
 "ERI": ("Eritrea", "Asmara", "Eritrean"),
 "ESP": ("Spain", "Madrid", "Spanish"),
 "EST": ("Estonia", "Tallinn", "Estonian"),
 "ETH": ("Ethiopia", "Addis Ababa", "Ethiopian"),
 "FIN": ("Finland", "Helsinki", "Finnish"),
 "FJI": ("Fiji", "Suva", "Fijian"),
 "FRA": ("France;French Republic", "Paris", "French"),
 "FSM": ("Micronesia;Federated States of Micronesia", "Palikir", "Micronesian"),
 "GAB": ("Gabon", "Libreville", "Gabonese"),
 "GBR": ("United Kingdom;UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland", "London", "British"),
 "GEO": ("Georgia", "Tbilisi", "Georgian"),
 "GHA": ("Ghana", "Accra", "Ghanaian"),
 "GIN": ("Guinea;Guinea-Conakry", "Conakry", "Guinean"),
 "GMB": ("Gambia;The Gambia", "Banjul", "Gambian"),
 "GNB": ("Guinea-Bissau", "Bissau", "Bissau-Guinean"),
 "GNQ": ("Equatorial Guinea", "Malabo", "Equatoguinean;Equatorial Guinean"),
 "GRC": ("Greece;Hellenic Republic", "Athens", "Greek;Hellenic"),
 "GRD": ("Grenada", "St. George's;Saint George's", "Grenadian"),
 "GTM": ("Guatemala", "Guatemala City", "Guatemalan"),
 "GUY": ("Guyana", "Georgetown", "Guyanese"),
 "HND": ("Honduras", "Tegucigalpa", "Honduran"),
 "HRV": ("Croatia", "Zagreb", "Croatian"),
 "HTI": ("Haiti", "Port-au-Prince", "Haitian"),
 "HUN": ("Hungary", "Budapest", "Hungarian"),
 "IDN": ("Indonesia", "Jakarta", "Indonesian"),
 "IND": ("India;Republic of India;Bharat", "New Delhi", "Indian"),
 "IRL": ("Ireland;Republic of Ireland", "Dublin", "Irish"),
 "IRN": ("Iran;Islamic Republic of Iran", "Tehran;Teheran", "Iranian"),
 "IRQ": ("Iraq", "Baghdad", "Iraqi"),
 "ISL": ("Iceland", "Reykjavík;Reykjavik", "Icelandic"),
 "ISR": ("Israel;State of Israel", "Jerusalem", "Israeli"),
 "ITA": ("Italy", "Rome", "Italian"),
 "JAM": ("Jamaica", "Kingston", "Jamaican"),
 "JOR": ("Jordan;Hashemite Kingdom of Jordan", "Amman", "Jordanian"),
 "JPN": ("Japan", "Tokyo", "Japanese"),
 "KAZ": ("Kazakhstan;Republic of Kazakhstan", "Astana;Nur-Sultan", "Kazakh;Kazakhstani"),
 "KEN": ("Kenya", "Nairobi", "Kenyan"),
 "KGZ": ("Kyrgyzstan;Kyrgyz Republic", "Bishkek", "Kyrgyz;Kyrgyzstani"),
 "KHM": ("Cambodia", "Phnom Penh", "Cambodian;Khmer"),
 "KIR": ("Kiribati", "Tarawa;South Tarawa", "I-Kiribati"),
 "KNA": ("Saint Kitts and Nevis;St. Kitts and Nevis;St Kitts and Nevis", "Basseterre", "Kittitian;Nevisian"),
 "KOR": ("South Korea;Republic of Korea;ROK;R.O.K.;Korea;S. Korea", "Seoul", "South Korean;Korean"),
 "KWT": ("Kuwait;State of Kuwait", "Kuwait City", "Kuwaiti"),
 "LAO": ("Laos;Lao PDR;Lao People's Democratic Republic", "Vientiane", "Laotian;Lao"),
 "LBN": ("Lebanon", "Beirut", "Lebanese"),
 "LBR": ("Liberia", "Monrovia", "Liberian"),
 "LBY": ("Libya", "Tripoli", "Libyan"),
 "LCA": ("Saint Lucia;St. Lucia", "Castries", "Saint Lucian"),
 "LIE": ("Liechtenstein", "Vaduz", "Liechtensteiner"),
 "LKA": ("Sri Lanka", "Sri Jayawardenepura Kotte;Colombo", "Sri Lankan"),
 "LSO": ("Lesotho", "Maseru", "Basotho;Mosotho"),
 "LTU": ("Lithuania", "Vilnius", "Lithuanian"),
 "LUX": ("Luxembourg", "Luxembourg City", "Luxembourgish;Luxembourger"),
 "LVA": ("Latvia", "Riga", "Latvian"),
 "MAR": ("Morocco", "Rabat", "Moroccan"),
 "MCO": ("Monaco", "Monaco-Ville", "Monégasque;Monegasque"),
 "MDA": ("Moldova;Republic of Moldova", "Chișinău;Chisinau", "Moldovan"),
 "MDG": ("Madagascar", "Antananarivo", "Malagasy"),
 "MDV": ("Maldives", "Malé", "Maldivian"),
 "MEX": ("Mexico;United Mexican States", "Mexico City", "Mexican"),
 "MHL": ("Marshall Islands", "Majuro", "Marshallese"),
 "MKD": ("North Macedonia;Macedonia;Republic of North Macedonia;FYROM", "Skopje", "Macedonian;North Macedonian"),
 "MLI": ("Mali", "Bamako", "Malian"),
 "MLT": ("Malta", "Valletta", "Maltese"),
 "MMR": ("Myanmar;Burma;Republic of the Union of Myanmar", "Naypyidaw;Nay Pyi Taw;Naypyitaw", "Burmese"),
 "MNE": ("Montenegro", "Podgorica", "Montenegrin"),
 "MNG": ("Mongolia", "Ulaanbaatar;Ulan Bator", "Mongolian"),
 "MOZ": ("Mozambique", "Maputo", "Mozambican"),
 "MRT": ("Mauritania", "Nouakchott", "Mauritanian"),
 "MUS": ("Mauritius", "Port Louis", "Mauritian"),
 "MWI": ("Malawi", "Lilongwe", "Malawian"),
 "MYS": ("Malaysia", "Kuala Lumpur;Putrajaya", "Malaysian"),
 "NAM": ("Namibia", "Windhoek", "Namibian"),
 "NER": ("Niger", "Niamey", "Nigerien"),
 "NGA": ("Nigeria", "Abuja", "Nigerian"),
 "NIC": ("Nicaragua", "Managua", "Nicaraguan"),
 "NLD": ("Netherlands;Kingdom of the Netherlands", "The Hague;Amsterdam", "Dutch"),
 "NOR": ("Norway", "Oslo", "Norwegian"),
 "NPL": ("Nepal", "Kathmandu", "Nepali;Nepalese"),
 "NRU": ("Nauru", "Yaren", "Nauruan"),
 "NZL": ("New Zealand", "Wellington", "New Zealander;Kiwi"),
 "OMN": ("Oman;Sultanate of Oman", "Muscat", "Omani"),
 "PAK": ("Pakistan", "Islamabad", "Pakistani"),
 "PAN": ("Panama", "Panama City", "Panamanian"),
 "PER": ("Peru", "Lima", "Peruvian"),
 "PHL": ("Philippines;Republic of the Philippines", "Manila", "Filipino;Philippine"),
 "PLW": ("Palau", "Ngerulmud", "Palauan"),
 "PNG": ("Papua New Guinea", "Port Moresby", "Papua New Guinean"),
 "POL": ("Poland", "Warsaw", "Polish"),
 "PRK": ("North Korea;DPRK;D.P.R.K.;Democratic People's Republic of Korea", "Pyongyang", "North Korean"),
 "PRT": ("Portugal", "Lisbon", "Portuguese"),
 "PRY": ("Paraguay", "Asunción;Asuncion", "Paraguayan"),
 "PSE": ("Palestine;State of Palestine", "Ramallah", "Palestinian"),
 "QAT": ("Qatar", "Doha", "Qatari"),
 "ROU": ("Romania", "Bucharest", "Romanian"),
 "RUS": ("Russia;Russian Federation", "Moscow", "Russian"),
 "RWA": ("Rwanda", "Kigali", "Rwandan"),
 "SAU": ("Saudi Arabia;Kingdom of Saudi Arabia;KSA", "Riyadh", "Saudi;Saudi Arabian"),
 "SDN": ("Sudan;Republic of the Sudan", "Khartoum", "Sudanese"),
 "SEN": ("Senegal", "Dakar", "Senegalese"),
 "SGP": ("Singapore;Republic of Singapore", "Singapore", "Singaporean"),
 "SLB": ("Solomon Islands", "Honiara", "Solomon Islander"),
 "SLE": ("Sierra Leone", "Freetown", "Sierra Leonean"),
 "SLV": ("El Salvador", "San Salvador", "Salvadoran;Salvadorean"),
 "SMR": ("San Marino", "City of San Marino", "Sammarinese"),
 "SOM": ("Somalia", "Mogadishu", "Somali"),
 "SRB": ("Serbia", "Belgrade", "Serbian;Serb"),
 "SSD": ("South Sudan", "Juba", "South Sudanese"),
 "STP": ("São Tomé and Príncipe;Sao Tome and Principe", "São Tomé;Sao Tome", "Santomean"),
 "SUR": ("Suriname", "Paramaribo", "Surinamese"),
 "SVK": ("Slovakia;Slovak Republic", "Bratislava", "Slovak"),
 "SVN": ("Slovenia", "Ljubljana", "Slovenian;Slovene"),
 "SWE": ("Sweden", "Stockholm", "Swedish"),
 "SWZ": ("Eswatini;Swaziland;Kingdom of Eswatini", "Mbabane;Lobamba", "Swazi;Liswati"),
 "SYC": ("Seychelles", "Victoria", "Seychellois"),
 "SYR": ("Syria;Syrian Arab Republic", "Damascus", "Syrian"),
 "TCD": ("Chad", "N'Djamena", "Chadian"),
 "TGO": ("Togo;Togolese Republic", "Lomé;Lome", "Togolese"),
 "THA": ("Thailand", "Bangkok", "Thai"),
 "TJK": ("Tajikistan", "Dushanbe", "Tajik;Tajikistani"),
 "TKM": ("Turkmenistan", "Ashgabat", "Turkmen"),
 "TLS": ("Timor-Leste;East Timor", "Dili", "Timorese"),
 "TON": ("Tonga", "Nukuʻalofa;Nuku'alofa", "Tongan"),
 "TTO": ("Trinidad and Tobago;Trinidad & Tobago", "Port of Spain", "Trinidadian;Tobagonian"),
 "TUN": ("Tunisia", "Tunis", "Tunisian"),
 "TUR": ("Türkiye;Turkiye;Turkey", "Ankara", "Turkish"),
 "TUV": ("Tuvalu", "Funafuti", "Tuvaluan"),
 "TWN": ("Taiwan;Republic of China;ROC;R.O.C.;Chinese Taipei", "Taipei", "Taiwanese"),
 "TZA": ("Tanzania;United Republic of Tanzania", "Dodoma", "Tanzanian"),
 "UGA": ("Uganda", "Kampala", "Ugandan"),
 "UKR": ("Ukraine", "Kyiv;Kiev", "Ukrainian"),
 "URY": ("Uruguay", "Montevideo", "Uruguayan"),
 "USA": ("United States;United States of America;US;U.S.;USA;U.S.A.;America", "Washington;Washington, D.C.;Washington, DC;Washington D.C.", "American"),
 "UZB": ("Uzbekistan", "Tashkent", "Uzbek;Uzbekistani"),
 "VAT": ("Vatican;Holy See;Vatican City;Vatican City State", "Vatican City", ""),
 "VCT": ("Saint Vincent and the Grenadines;St. Vincent and the Grenadines", "Kingstown", "Vincentian"),
 "VEN": ("Venezuela", "Caracas", "Venezuelan"),
 "VNM": ("Vietnam;Viet Nam;Socialist Republic of Vietnam", "Hanoi;Ha Noi", "Vietnamese"),
 "VUT": ("Vanuatu", "Port Vila", "Ni-Vanuatu"),
 "WSM": ("Samoa", "Apia", "Samoan"),
 "YEM": ("Yemen", "Sanaa;Sana'a", "Yemeni"),
 "ZAF": ("South Africa;Republic of South Africa;RSA", "Pretoria", "South African"),
 "ZMB": ("Zambia", "Lusaka", "Zambian"),
 "ZWE": ("Zimbabwe", "Harare", "Zimbabwean"),
}

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code used by the EU, IMF and World Bank.
EXTRA_STATES = {
    "XKX": ("Kosovo;Republic of Kosovo", "Pristina;Prishtina", "Kosovar;Kosovan"),
}

# Aliases / capitals that are also common words, people, places or other states:
# the extractor should require context (capitalisation, NER GPE label, verb of government).
AMBIGUOUS = {
    "USA": ["US", "America", "Washington"],   # "US" = "us" in all-caps text; America = the Americas; Washington state
    "GEO": ["Georgia"], "JOR": ["Jordan"], "TCD": ["Chad"], "NER": ["Niger"],
    "TUR": ["Turkey"], "COD": ["Congo"], "GIN": ["Guinea"],
    "CHL": ["Santiago"], "CRI": ["San Jose"], "GUY": ["Georgetown"], "JAM": ["Kingston"],
    "SYC": ["Victoria"], "ATG": ["St. John's", "Saint John's"], "BEL": ["Brussels"],
    "TWN": ["ROC", "Republic of China"], "IRL": ["Ireland"], "ISR": ["Jerusalem"],
    "MKD": ["Macedonia"], "KOR": ["Korea"], "DMA": ["Dominica"], "LBY": ["Tripoli"],
    "PSE": ["Palestine"], "SDN": ["Sudan"], "MMR": ["Myanmar"], "MCO": ["Monaco"],
    "LUX": ["Luxembourg"], "SGP": ["Singapore"], "NLD": ["Amsterdam"], "GRD": ["Grenada"],
    "PER": ["Lima"], "BOL": ["La Paz"], "SAU": ["KSA"], "ZAF": ["RSA"], "DEU": ["FRG"],
}

NOTES = {
    "COD": "bare 'Congo' maps to COD (dominant sense in minerals / cobalt texts); COG needs 'Republic of the Congo' or 'Congo-Brazzaville'",
    "BEL": "'Brussels' acting as a government usually means EU institutions; see alliances.jsonl metonyms",
    "XKX": "not in ISO 3166-1; XKX is the widely used user-assigned code",
    "TWN": "'Republic of China' is a substring of 'People's Republic of China': match longest first",
}


def strip_the(s):
    s = s.strip()
    if s.lower().startswith("the ") and not s.startswith("The Hague"):
        s = s[4:]
    return s


def split(s):
    return [x.strip() for x in s.split(";") if x.strip()]


def curly_variants(names):
    out = []
    for n in names:
        out.append(n)
        if "'" in n:
            out.append(n.replace("'", "\u2019"))
    return out


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def uniq(seq):
    seen, out = set(), []
    for x in seq:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ISO names dropped because they would collide with another state's alias.
ISO_NAME_EXCLUDE = {"COG": {"Congo"}}


def iso_names(c):
    names = []
    for attr in ("name", "official_name", "common_name"):
        v = getattr(c, attr, None)
        if not v:
            continue
        # ISO inverted list forms ("Korea, Republic of", "Taiwan, Province of China") and
        # parenthesised forms are not running-text names; the hand table covers them.
        if ", " in v or "(" in v:
            continue
        v = strip_the(v)
        if v in ISO_NAME_EXCLUDE.get(c.alpha_3, set()):
            continue
        names.append(v)
    return names


def with_fold(names):
    out = []
    for n in names:
        out.append(n)
        f = ascii_fold(n)
        if f != n:
            out.append(f)
    return out


def main():
    nations, territories = [], []
    iso = {c.alpha_3: c for c in pycountry.countries}
    sovereign = sorted(set(iso) - set(NON_SOVEREIGN))
    missing = [c for c in sovereign if c not in T]
    extra = [c for c in T if c not in sovereign]
    assert not missing and not extra, (missing, extra)

    table = dict(T)
    table.update(EXTRA_STATES)
    for code in sorted(table):
        al, caps, dems = table[code]
        names = iso_names(iso[code]) if code in iso else []
        aliases = uniq(curly_variants(with_fold([strip_the(a) for a in split(al)] + names)))
        rec = {
            "label": "NATION",
            "norm": code,
            "name": iso[code].name if code in iso and ", " not in iso[code].name and "(" not in iso[code].name else split(al)[0],
            "aliases": aliases,
            "capitals": uniq(curly_variants(split(caps))),
            "demonyms": uniq(split(dems)),
            "sovereign": True,
        }
        if code in AMBIGUOUS:
            rec["ambiguous_aliases"] = AMBIGUOUS[code]
        if code in NOTES:
            rec["note"] = NOTES[code]
        if code == "XKX":
            rec["iso"] = False
        nations.append(rec)

    for code in sorted(NON_SOVEREIGN):
        c = iso[code]
        names = [strip_the(getattr(c, a)) for a in ("name", "official_name", "common_name") if getattr(c, a, None)]
        names = [n for n in names if "(" not in n and ", " not in n] + TERRITORY_EXTRA.get(code, [])
        territories.append({
            "label": "TERRITORY", "code": code, "kind": "iso_territory",
            "administered_by": NON_SOVEREIGN[code],
            "aliases": uniq(with_fold(names)), "sovereign": False,
        })
    for kind, admin, names in OTHER_NON_SOVEREIGN:
        territories.append({
            "label": "TERRITORY", "code": None, "kind": kind,
            "administered_by": admin, "aliases": uniq(names), "sovereign": False,
        })

    with open(os.path.join(HERE, "nations.jsonl"), "w", encoding="utf-8") as f:
        for r in nations:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "territories.jsonl"), "w", encoding="utf-8") as f:
        for r in territories:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"nations: {len(nations)}  territories: {len(territories)}")


if __name__ == "__main__":
    main()
