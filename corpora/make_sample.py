"""Build the binary documents of the sample corpus in corpora/sample/.

Writes three files from text kept in this script:

- critical-minerals-brief.pdf   multi-page brief: running header/footer, headings,
                                a ruled table, footnotes
- munitions-two-column.pdf      two-column policy brief: full-width title,
                                sidebar box, running footer
- allied-minerals-agreement.docx  memorandum of understanding: headings,
                                numbered sections, an annex table

The output is deterministic: fixed dates and metadata, reportlab's
``invariant=1`` for the PDFs, and fixed zip timestamps for the DOCX, so
running the script twice gives byte-identical files.

Usage:  .venv/bin/python corpora/make_sample.py
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm, inch
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

OUT_DIR = Path(__file__).resolve().parent / "sample"
STRIPE = colors.HexColor("#eef2f7")

_BASE = getSampleStyleSheet()


def _style(name: str, parent: str = "Normal", **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=_BASE[parent], **kw)


# ---------------------------------------------------------------------------
# 1. critical-minerals-brief.pdf
# ---------------------------------------------------------------------------

BRIEF_TITLE = "Concentrated Supply: Critical Minerals Exposure in Allied Defense Production"
BRIEF_META = "Northbridge Policy Group \u00b7 Policy Brief No. 14 \u00b7 12 March 2024"

BRIEF_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Executive summary",
        [
            "Defense production in the United States and across NATO rests on a short list of "
            "minerals that are mined, refined or processed in very few places. The People's "
            "Republic "
            "of China refines roughly nine tenths of the world's rare earth elements and produces "
            "almost all primary gallium, and the U.S. imports the whole of its gallium supply."
            "<super>1</super> Beijing has shown since 2023 that it is willing to license exports "
            "of "
            "these materials, and further controls could halt deliveries to Western makers of "
            "radar, "
            "missiles and jet engines with little warning. This brief maps the exposure, assesses "
            "the "
            "likely pressure points, and sets out steps that allies could take together.",
            "Allied demand is rising at the same time. Guided munitions, electronic warfare pods "
            "and "
            "satellite constellations consume more gallium nitride, germanium optics and "
            "neodymium-iron-boron magnets than the platforms they replace. Government stockpiles "
            "in "
            "the United States cover only a fraction of estimated wartime requirements for several "
            "of "
            "these materials, and European members of NATO hold almost no strategic reserves at "
            "all.",
        ],
    ),
    (
        "1. Where the concentration lies",
        [
            "Table 1 summarises the position for six materials that recur in defense bills of "
            "materials. The figures are rounded, illustrative estimates compiled from public "
            "production statistics and company disclosures; they show orders of magnitude, not "
            "precise shares.",
            "@TABLE",
            "The pattern is stark. For every material in the table the largest producer is China, "
            "and for four of them a single country controls more than three quarters of refined "
            "supply. The United States is almost entirely dependent on imports for gallium and "
            "anode-grade graphite, and even domestic producers such as MP Materials at Mountain "
            "Pass "
            "have until recently shipped much of their concentrate abroad for separation. A "
            "disruption at one refining cluster in Inner Mongolia or Jiangxi could therefore "
            "ripple "
            "through allied production lines within months.",
            "Concentration is not limited to mining. Separation of heavy rare earths such as "
            "dysprosium and terbium, which keep magnets stable at high temperatures, is even more "
            "concentrated than the mining of light rare earths. Lynas Rare Earths, with operations "
            "in "
            "Australia and Malaysia, is the only large producer of separated rare earth oxides "
            "outside "
            "China, and its heavy rare earth output is only now beginning.<super>2</super>",
        ],
    ),
    (
        "2. Export controls as an instrument",
        [
            "Beijing introduced licensing requirements for gallium and germanium exports in August "
            "2023, extended them to graphite in December, and in the same month banned the export "
            "of "
            "rare earth separation and magnet-making technology. The licensing regime also gives "
            "the "
            "Ministry of Commerce detailed visibility into which foreign buyers receive each "
            "shipment "
            "and for what end use.",
            "Officials in Washington and Brussels expect the list to grow. Analysts warn that "
            "antimony and tungsten could be next, and that a full embargo on defense end users "
            "would "
            "leave several Western prime contractors without a qualified second source. The EU "
            "Critical Raw Materials Act sets benchmarks for domestic extraction, processing and "
            "recycling, but it does not by itself guarantee supply in a crisis.",
            "The coercive logic is visible in the timing. The first controls followed Dutch and "
            "Japanese restrictions on chipmaking equipment, and Chinese officials presented them "
            "as a "
            "response to Western measures. Leverage of this kind is likely to be used again in any "
            "future crisis over Taiwan or the South China Sea.",
            "Ownership is a quieter channel of influence. Chinese investors hold stakes in several "
            "lithium and rare earth projects in Australia and Canada, and the governments in "
            "Canberra "
            "and Ottawa have ordered some of them to divest on national security grounds.",
        ],
    ),
    (
        "3. Price and financing fragility",
        [
            "Export licensing has already moved prices. Gallium prices outside China rose sharply "
            "in "
            "the months after the controls took effect, while domestic Chinese prices stayed flat, "
            "a "
            "gap that penalises Western buyers. Small Western producers face the opposite problem: "
            "when Chinese output surges, prices collapse, and projects that need years of steady "
            "revenue struggle to raise finance.<super>3</super> Several junior miners in Canada "
            "and "
            "Australia paused development in 2023 for this reason.",
            "Price volatility could deter the very investment that allied governments say they "
            "want. "
            "Lenders treat critical mineral projects outside China as speculative, and without a "
            "credible floor under prices, few will finance a second refinery for materials whose "
            "global market is smaller than that of many consumer goods.",
        ],
    ),
    (
        "4. Recommendations",
        [
            "Allied governments should coordinate stockpile targets through NATO's Defence "
            "Production Action Plan and share data on inventories. Offtake agreements with price "
            "floors, such as the one agreed between the U.S. Department of Defense and MP "
            "Materials, "
            "can keep new producers solvent when Chinese prices fall. Partners in the G7 and the "
            "Minerals Security Partnership should agree common traceability standards, so that "
            "material refined from Chinese concentrate is not relabelled as allied supply. "
            "Finally, "
            "recycling of magnets and of gallium scrap from chip fabrication deserves more funding "
            "than it receives today.",
        ],
    ),
]

BRIEF_TABLE = [
    [
        "Material",
        "Largest producer",
        "Share of global refining",
        "U.S. net import reliance",
        "Main defense use",
    ],
    ["Gallium", "China", "c. 98%", "100%", "GaN radar, electronic warfare"],
    ["Germanium", "China", "c. 60%", "over 50%", "Infrared optics, satellites"],
    ["Rare earth elements", "China", "c. 90%", "over 80%", "Magnets, guidance actuators"],
    ["Tungsten", "China", "c. 80%", "over 50%", "Penetrators, tooling"],
    ["Graphite (anode grade)", "China", "over 90%", "100%", "Batteries"],
    ["Antimony", "China", "c. 50%", "over 80%", "Primers, lead hardening"],
]

BRIEF_FOOTNOTES = [
    "1 Import reliance is net imports as a share of apparent consumption, rounded to the nearest "
    "five percentage points.",
    "2 Lynas is also building a separation plant in Texas with support from the U.S. government.",
    "3 Price-floor mechanisms are discussed in Section 4.",
]
# section index -> index of the footnote printed at that section's end
BRIEF_NOTE_AFTER = {0: 0, 1: 1, 3: 2}


def _brief_header_footer(canv, doc) -> None:  # noqa: ANN001 - reportlab callback
    width, height = LETTER
    canv.saveState()
    canv.setFont("Helvetica", 8)
    canv.setFillColor(colors.HexColor("#555555"))
    canv.drawString(
        0.9 * inch, height - 0.55 * inch, "Northbridge Policy Group | Policy Brief No. 14"
    )
    canv.drawRightString(width - 0.9 * inch, height - 0.55 * inch, "Critical Minerals Exposure")
    canv.setStrokeColor(colors.HexColor("#999999"))
    canv.line(0.9 * inch, height - 0.62 * inch, width - 0.9 * inch, height - 0.62 * inch)
    canv.line(0.9 * inch, 0.72 * inch, width - 0.9 * inch, 0.72 * inch)
    canv.drawString(0.9 * inch, 0.55 * inch, "Not for attribution \u2013 sample document")
    canv.drawRightString(width - 0.9 * inch, 0.55 * inch, f"Page {doc.page}")
    canv.restoreState()


def build_minerals_brief(path: Path) -> None:
    body = _style("BriefBody", fontName="Times-Roman", fontSize=11, leading=14.5, spaceAfter=8)
    h1 = _style("BriefTitle", "Title", fontName="Helvetica-Bold", fontSize=20, leading=24)
    h2 = _style("BriefH2", "Heading2", fontName="Helvetica-Bold", fontSize=13, spaceBefore=10)
    meta = _style(
        "BriefMeta",
        fontName="Helvetica",
        fontSize=10,
        alignment=TA_CENTER,
        textColor=colors.HexColor("#444444"),
        spaceAfter=18,
    )
    cell = _style("Cell", fontName="Helvetica", fontSize=9, leading=11)
    cell_head = _style(
        "CellHead", fontName="Helvetica-Bold", fontSize=9, leading=11, textColor=colors.white
    )
    caption = _style(
        "Caption", fontName="Helvetica-Oblique", fontSize=9, spaceBefore=4, spaceAfter=10
    )
    note = _style("Note", fontName="Times-Roman", fontSize=8.5, leading=10.5)

    doc = BaseDocTemplate(
        str(path),
        pagesize=LETTER,
        leftMargin=0.9 * inch,
        rightMargin=0.9 * inch,
        topMargin=0.9 * inch,
        bottomMargin=0.95 * inch,
        title=BRIEF_TITLE,
        author="Northbridge Policy Group",
        subject="Critical minerals",
        creator="RiskAtlas sample",
        invariant=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_brief_header_footer)])

    story: list = [Paragraph(BRIEF_TITLE, h1), Paragraph(BRIEF_META, meta)]
    for i, (heading, paras) in enumerate(BRIEF_SECTIONS):
        if i == 1:  # the table section starts on a fresh page
            story.append(PageBreak())
        story.append(Paragraph(heading, h2))
        for para in paras:
            if para == "@TABLE":
                rows = [[Paragraph(c, cell_head) for c in BRIEF_TABLE[0]]]
                rows += [[Paragraph(c, cell) for c in r] for r in BRIEF_TABLE[1:]]
                table = Table(
                    rows,
                    colWidths=[1.35 * inch, 1.05 * inch, 1.05 * inch, 1.1 * inch, 1.95 * inch],
                    repeatRows=1,
                )
                table.setStyle(
                    TableStyle(
                        [
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a5f")),
                            ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#333333")),
                            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                story.append(table)
                story.append(
                    Paragraph(
                        "Table 1. Concentration of refining and U.S. import reliance, selected "
                        "materials (illustrative estimates, 2023).",
                        caption,
                    )
                )
            else:
                story.append(Paragraph(para, body))
        if i in BRIEF_NOTE_AFTER:  # footnotes close the section that cites them
            story.append(Spacer(1, 6))
            story.append(HRFlowable(width="30%", thickness=0.5, hAlign="LEFT", spaceAfter=3))
            story.append(Paragraph(BRIEF_FOOTNOTES[BRIEF_NOTE_AFTER[i]], note))
    doc.build(story)


# ---------------------------------------------------------------------------
# 2. munitions-two-column.pdf
# ---------------------------------------------------------------------------

MUN_TITLE = "Filling the Magazines: Europe's Munitions Ramp-Up and Its Bottlenecks"
MUN_DEK = (
    "Europe has the money and the orders for artillery ammunition. What it lacks is "
    "nitrocellulose, TNT, skilled chemists and time. This brief maps the bottlenecks in "
    "the energetics chain and sets out what governments can do about them."
)
MUN_SUB = "Atlantic Industrial Readiness Forum \u00b7 Policy Brief 2024/07 \u00b7 4 June 2024"

MUN_BODY: list[tuple[str, str]] = [
    ("h", "The chemistry is the constraint"),
    (
        "p",
        "Two years after Russia's full-scale invasion of Ukraine, European defence ministries "
        "have signed more artillery ammunition contracts than in the previous two decades "
        "combined. The European Union pledged to deliver one million 155mm rounds to Ukraine "
        "within twelve months and missed the target by a wide margin, and the shortfall has not "
        "yet been closed. Output is rising, but the limiting factor is no longer the shell "
        "casing: it is the chemistry inside it.",
    ),
    (
        "p",
        "Propellants and high explosives come from a small number of plants. Nitrocellulose, "
        "the base of most gun propellants, is made from cotton linters or wood pulp, and "
        "Europe's supply of cotton linters depends heavily on imports from China and Central "
        "Asia. A shortage of nitrocellulose delayed deliveries from at least two propellant "
        "makers in 2023, according to industry officials. TNT is scarcer still: the only TNT "
        "plant of scale in the European Union is operated by Nitro-Chem in Bydgoszcz, Poland, "
        "and the United States has had no domestic TNT production since 1986.",
    ),
    ("h", "Expansion takes years"),
    (
        "p",
        "Rheinmetall AG is building a new plant at Unterluess, Germany, that it says will "
        "produce up to 200,000 artillery shells a year once complete, and Nammo has reopened "
        "idle capacity in Norway and Finland. Yet new nitration lines require environmental "
        "permits, specialised engineers and safety certification that can take three to five "
        "years, and qualified workers are in short supply across the sector. Chemring and "
        "Eurenco have announced new energetics lines in the United Kingdom, France and Sweden, "
        "but most of them will not deliver before 2026.",
    ),
    ("box", ""),
    ("h", "Prices follow scarcity"),
    (
        "p",
        "The price European governments pay for a 155mm shell has roughly doubled since 2022, "
        "and contract prices may rise further as firms pass on the cost of new capacity. "
        "Smaller suppliers of fuzes, primers and charges operate on thin margins, and some could "
        "fail if orders fall away once the fighting ends.",
    ),
    (
        "p",
        "Ownership is a quieter risk. Small makers of fuzes and propellant components are "
        "attractive targets for investors from outside the alliance, and a takeover could give "
        "a foreign state insight into European production volumes and designs. Germany and "
        "Italy have tightened investment screening for such firms, but the rules still differ "
        "across the European Union.",
    ),
    ("h", "Dependencies beyond the alliance"),
    (
        "p",
        "The energetics chain also reaches outside NATO. Several propellant makers buy "
        "nitroguanidine from a single producer, and precursors for RDX and HMX come partly from "
        "chemical firms in India and China. Analysts warn that a decision by Beijing to "
        "restrict chemical exports to Western defence firms could stall production of "
        "explosives within weeks.",
    ),
    (
        "p",
        "Sabotage is a rising concern. Fires at arms plants in Germany, Poland and the United "
        "Kingdom during 2024 prompted investigations into possible Russian involvement, and "
        "intelligence services have warned that Moscow may target ammunition plants and the "
        "rail links that carry munitions to Ukraine.",
    ),
    ("h", "The Pacific competes for the same inputs"),
    (
        "p",
        "The pressure is not only European. Japan and the Republic of Korea hold large "
        "artillery stocks but limited energetics capacity of their own, and Australia has a "
        "single propellant and explosives site, at Mulwala, operated by Thales Australia. A long "
        "conflict in the Indo-Pacific would draw on the same nitrocellulose, TNT and fuzes that "
        "Europe now needs, and allies could find themselves bidding against each other. Stocks "
        "of precision munitions are thinner still: war games suggest that the United States "
        "could exhaust its long-range anti-ship missiles within a week of a conflict over "
        "Taiwan.",
    ),
    ("h", "The American picture"),
    (
        "p",
        "The United States faces similar limits. The U.S. Army aims to produce 100,000 shells "
        "a month by the end of 2025, relying on General Dynamics Ordnance and Tactical Systems "
        "and on the government-owned Holston and Radford plants operated by BAE Systems. "
        "Radford is the sole domestic source of nitrocellulose for military propellants, a "
        "single point of failure that defence planners have flagged repeatedly.",
    ),
    ("h", "Recommendations"),
    (
        "p",
        "Governments should sign multiyear framework contracts that give firms the certainty "
        "to invest, pool orders through the NATO Support and Procurement Agency, and fund a "
        "shared European reserve of nitrocellulose and TNT. They should also align shell "
        "specifications so that rounds made in one country can be fired from another's guns "
        "without separate qualification.",
    ),
]

MUN_SIDEBAR_TITLE = "At a glance"
MUN_SIDEBAR = [
    "EU production goal: 2 million rounds a year by end-2025",
    "Lead time for a new propellant line: 3\u20135 years",
    "Price of a 155mm shell since 2022: roughly doubled",
    "Key sites: Bydgoszcz (TNT), Unterluess (shells), Raufoss (Nammo), Radford (nitrocellulose)",
]


def _mun_footer(canv, doc) -> None:  # noqa: ANN001 - reportlab callback
    width, _ = A4
    canv.saveState()
    canv.setFont("Helvetica", 8)
    canv.setFillColor(colors.HexColor("#555555"))
    canv.line(1.5 * cm, 1.45 * cm, width - 1.5 * cm, 1.45 * cm)
    canv.drawString(
        1.5 * cm, 1.0 * cm, "Atlantic Industrial Readiness Forum \u2013 Policy Brief 2024/07"
    )
    canv.drawRightString(width - 1.5 * cm, 1.0 * cm, f"{doc.page}")
    canv.restoreState()


def build_munitions_brief(path: Path) -> None:
    width, height = A4
    margin, gutter, bottom, top = 1.5 * cm, 0.8 * cm, 1.9 * cm, 1.5 * cm
    title_h = 5.4 * cm
    col_w = (width - 2 * margin - gutter) / 2
    body = _style("MunBody", fontName="Times-Roman", fontSize=12.5, leading=16.5, spaceAfter=7)
    head = _style(
        "MunHead",
        fontName="Helvetica-Bold",
        fontSize=11.5,
        leading=14,
        spaceBefore=6,
        spaceAfter=4,
        textColor=colors.HexColor("#7a1f1f"),
    )
    title = _style("MunTitle", fontName="Helvetica-Bold", fontSize=19, leading=23, spaceAfter=6)
    dek = _style("MunDek", fontName="Helvetica-Oblique", fontSize=11, leading=14, spaceBefore=6)
    sub = _style("MunSub", fontName="Helvetica", fontSize=10, textColor=colors.HexColor("#444444"))
    box_head = _style("BoxHead", fontName="Helvetica-Bold", fontSize=10, leading=13, spaceAfter=4)
    box_item = _style(
        "BoxItem",
        fontName="Helvetica",
        fontSize=9,
        leading=11.5,
        spaceAfter=3,
        leftIndent=8,
        bulletIndent=0,
    )

    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=top,
        bottomMargin=bottom,
        title=MUN_TITLE,
        author="Atlantic Industrial Readiness Forum",
        subject="Munitions production capacity",
        creator="RiskAtlas sample",
        invariant=1,
    )
    col_h_first = height - top - bottom - title_h
    col_h = height - top - bottom
    first = PageTemplate(
        id="first",
        onPage=_mun_footer,
        frames=[
            Frame(margin, height - top - title_h, width - 2 * margin, title_h, id="title"),
            Frame(margin, bottom, col_w, col_h_first, id="left1"),
            Frame(margin + col_w + gutter, bottom, col_w, col_h_first, id="right1"),
        ],
    )
    later = PageTemplate(
        id="later",
        onPage=_mun_footer,
        frames=[
            Frame(margin, bottom, col_w, col_h, id="left"),
            Frame(margin + col_w + gutter, bottom, col_w, col_h, id="right"),
        ],
    )
    doc.addPageTemplates([first, later])

    story: list = [
        Paragraph(MUN_TITLE, title),
        Paragraph(MUN_SUB, sub),
        Paragraph(MUN_DEK, dek),
        HRFlowable(width="100%", thickness=1.2, color=colors.HexColor("#7a1f1f"), spaceBefore=8),
        NextPageTemplate("later"),
        FrameBreak(),
    ]
    for kind, text in MUN_BODY:
        if kind == "h":
            story.append(Paragraph(text, head))
        elif kind == "p":
            story.append(Paragraph(text, body))
        else:
            inner = [Paragraph(MUN_SIDEBAR_TITLE, box_head)]
            inner += [Paragraph(item, box_item, bulletText="\u2022") for item in MUN_SIDEBAR]
            box = Table([[inner]], colWidths=[col_w - 0.2 * cm])
            box.setStyle(
                TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#7a1f1f")),
                        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4ecec")),
                        ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, -1), 6),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            story += [Spacer(1, 4), box, Spacer(1, 8)]
    doc.build(story)


# ---------------------------------------------------------------------------
# 3. allied-minerals-agreement.docx
# ---------------------------------------------------------------------------

MOU_TITLE = (
    "Memorandum of Understanding between the Government of Australia and the "
    "Government of the Republic of Korea on Cooperation in Critical Minerals Supply "
    "Chains"
)

MOU_PREAMBLE_INTRO = (
    "The Government of Australia and the Government of the Republic of Korea "
    "(hereinafter referred to as \u201cthe Participants\u201d),"
)

MOU_PREAMBLE = [
    "Recognising that the mining and processing of critical minerals, including lithium, nickel, "
    "cobalt, graphite and rare earth elements, is concentrated in a small number of countries, "
    "exposing the industries of both Participants to supply disruption;",
    "Noting that export restrictions imposed by third countries on gallium, germanium and graphite "
    "since 2023 have increased uncertainty for manufacturers of semiconductors, batteries and "
    "defence equipment in both countries;",
    "Concerned that sharp swings in lithium and nickel prices threaten the financial viability of "
    "new mining and refining projects outside the dominant producing country;",
    "Aware that the sea lanes through which minerals and processed materials move between "
    "Australia and the Republic of Korea could be disrupted in a regional crisis;",
    "Building on their shared commitments in the G7 Five-Point Plan for Critical Minerals Security "
    "and the Minerals Security Partnership, and on their cooperation with ASEAN partners;",
]

MOU_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Section 1 \u2013 Purpose",
        [
            "1.1 The purpose of this Memorandum is to strengthen the security, resilience and "
            "sustainability of critical minerals supply chains between the Participants.",
            "1.2 This Memorandum sets out the intentions of the Participants and does not create "
            "legally binding obligations under international law.",
        ],
    ),
    (
        "Section 2 \u2013 Definitions",
        [
            "2.1 \u201cCritical minerals\u201d means the minerals and processed materials listed "
            "by "
            "either "
            "Participant as critical, including lithium, nickel, cobalt, graphite, manganese, "
            "vanadium, "
            "gallium, germanium, tungsten and the rare earth elements.",
            "2.2 \u201cProject\u201d means a mining, refining, processing or recycling operation "
            "located in "
            "the territory of either Participant.",
        ],
    ),
    (
        "Section 3 \u2013 Areas of Cooperation",
        [
            "3.1 The Participants intend to encourage investment by enterprises of the Republic of "
            "Korea "
            "in Australian refining and processing projects, in particular for lithium hydroxide, "
            "nickel sulphate and separated rare earth oxides.",
            "3.2 The Participants intend to exchange information on supply, demand, inventories "
            "and "
            "prices of critical minerals, and on measures taken by third countries that affect "
            "them.",
            "3.3 The Participants intend to cooperate in research on processing technologies, "
            "recycling and the recovery of by-product metals such as gallium and germanium from "
            "alumina and zinc refining.",
        ],
    ),
    (
        "Section 4 \u2013 Consultations on Supply Disruption",
        [
            "4.1 Where either Participant considers that a disruption to the supply of a critical "
            "mineral is occurring or imminent, including as a result of export controls or "
            "coercive "
            "measures by a third country, it may request consultations.",
            "4.2 Consultations are to take place within fifteen days of a request, and may "
            "consider "
            "coordinated releases from stockpiles and temporary reallocation of offtake.",
        ],
    ),
    (
        "Section 5 \u2013 Stockpiling",
        [
            "5.1 The Participants intend to study the feasibility of a joint or coordinated "
            "stockpile "
            "of "
            "selected critical minerals, taking into account that current national holdings of "
            "several rare earth elements would cover only a few months of industrial demand.",
        ],
    ),
    (
        "Section 6 \u2013 Investment Screening and Security",
        [
            "6.1 Each Participant retains full discretion to review foreign investment in projects "
            "in "
            "its territory in accordance with its laws.",
            "6.2 The Participants recognise that investment by entities subject to the control of "
            "a "
            "foreign state could give that state influence over the output and pricing of "
            "projects, "
            "and intend to share information on investment screening practices.",
            "6.3 Information exchanged under this Memorandum is to be protected in accordance with "
            "the laws of each Participant.",
        ],
    ),
    (
        "Section 7 \u2013 Implementation",
        [
            "7.1 The Participants intend to establish a Joint Committee on Critical Minerals, "
            "co-chaired by senior officials of the Department of Industry, Science and Resources "
            "of "
            "Australia and the Ministry of Trade, Industry and Energy of the Republic of Korea.",
            "7.2 The Joint Committee is to meet at least once a year, alternately in Australia and "
            "the Republic of Korea, and may invite industry participants to its meetings.",
        ],
    ),
    (
        "Section 8 \u2013 Financial Arrangements",
        [
            "8.1 Each Participant is to bear its own costs arising from this Memorandum, subject "
            "to "
            "the availability of appropriated funds.",
        ],
    ),
    (
        "Section 9 \u2013 Commencement, Amendment and Termination",
        [
            "9.1 This Memorandum is to come into effect on the date of its signature and remain in "
            "effect for five years, and may be extended by mutual written consent.",
            "9.2 Either Participant may discontinue this Memorandum by giving six months\u2019 "
            "written "
            "notice to the other.",
        ],
    ),
]

MOU_ANNEX = [
    ["Project or enterprise", "Mineral", "Location", "Indicative cooperation"],
    [
        "Lynas Rare Earths",
        "rare earth elements",
        "Western Australia",
        "Offtake of separated oxides",
    ],
    ["Iluka Resources", "rare earth elements", "Eneabba, Western Australia", "Refinery financing"],
    [
        "POSCO Holdings",
        "lithium",
        "Republic of Korea",
        "Lithium hydroxide from Australian spodumene",
    ],
    ["Korea Zinc", "germanium, gallium", "Republic of Korea", "By-product recovery research"],
]

MOU_SIGNATURE = (
    "Signed in duplicate at Canberra on 2 April 2024, in the English and Korean "
    "languages, both texts being equally valid."
)

DOCX_DATE = dt.datetime(2024, 4, 2, 9, 0, 0)


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed timestamps and a stable member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 4, 2, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def build_mou(path: Path) -> None:
    doc = DocxDocument()
    props = doc.core_properties
    props.title = MOU_TITLE
    props.author = "RiskAtlas sample"
    props.last_modified_by = "RiskAtlas sample"
    props.created = DOCX_DATE
    props.modified = DOCX_DATE
    props.revision = 1
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)

    head = doc.add_heading(MOU_TITLE, level=0)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading("Preamble", level=1)
    doc.add_paragraph(MOU_PREAMBLE_INTRO)
    for clause in MOU_PREAMBLE:
        doc.add_paragraph(clause, style="List Bullet")
    doc.add_paragraph("Have reached the following understanding:")
    for heading, clauses in MOU_SECTIONS:
        doc.add_heading(heading, level=1)
        for clause in clauses:
            doc.add_paragraph(clause)
    doc.add_heading("Section 10 \u2013 Signature", level=1)
    doc.add_paragraph(MOU_SIGNATURE)
    sig = doc.add_table(rows=2, cols=2)
    sig.rows[0].cells[0].text = "For the Government of Australia"
    sig.rows[0].cells[1].text = "For the Government of the Republic of Korea"
    sig.rows[1].cells[0].text = "Minister for Resources"
    sig.rows[1].cells[1].text = "Minister of Trade, Industry and Energy"

    doc.add_page_break()
    doc.add_heading("Annex A \u2013 Indicative Projects and Enterprises", level=1)
    doc.add_paragraph(
        "The following projects are listed for illustration only; listing implies "
        "no commitment by either Participant or by the enterprises named."
    )
    table = doc.add_table(rows=len(MOU_ANNEX), cols=len(MOU_ANNEX[0]))
    table.style = "Table Grid"
    for r, row in enumerate(MOU_ANNEX):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_deterministic_zip(buf.getvalue()))


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    targets = {
        "critical-minerals-brief.pdf": build_minerals_brief,
        "munitions-two-column.pdf": build_munitions_brief,
        "allied-minerals-agreement.docx": build_mou,
    }
    for name, build in targets.items():
        build(OUT_DIR / name)
        print(f"wrote {OUT_DIR / name}")


if __name__ == "__main__":
    main()
