"""Titles of the 15 instruments the dashboard tracks; parsers add completeness and sources.

Ids are fixed project-wide. Adoption years are part of the official titles.
"""

from __future__ import annotations

from ..output import Instrument

ILO = "ILO Director-General"
UN = "UN Secretary-General"

# Defined here because instruments of several parsers cite it (see gsi_party_status).
GSI_SOURCE_ID = "walkfree-gsi-2023-party-status"

# id -> (short title, full official title, adoption year, depositary)
TITLES: dict[str, tuple[str, str, int, str]] = {
    "ILO-C029": ("C029 Forced Labour", "Forced Labour Convention, 1930 (No. 29)", 1930, ILO),
    "ILO-P029": ("P029 Forced Labour Protocol", "Protocol of 2014 to the Forced Labour Convention, 1930", 2014, ILO),
    "ILO-C097": ("C097 Migration for Employment", "Migration for Employment Convention (Revised), 1949 (No. 97)", 1949, ILO),
    "ILO-C143": ("C143 Migrant Workers", "Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)", 1975, ILO),
    "ILO-C181": ("C181 Private Employment Agencies", "Private Employment Agencies Convention, 1997 (No. 181)", 1997, ILO),
    "ILO-C189": ("C189 Domestic Workers", "Domestic Workers Convention, 2011 (No. 189)", 2011, ILO),
    "ILO-C190": ("C190 Violence and Harassment", "Violence and Harassment Convention, 2019 (No. 190)", 2019, ILO),
    "UN-ICRMW": (
        "ICRMW Migrant Workers",
        "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families, 1990",
        1990,
        UN,
    ),
    "UN-CEDAW": ("CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women, 1979", 1979, UN),
    "UN-CEDAW-OP": (
        "CEDAW Optional Protocol",
        "Optional Protocol to the Convention on the Elimination of All Forms of Discrimination against Women, 1999",
        1999,
        UN,
    ),
    "UN-CRC": ("CRC Rights of the Child", "Convention on the Rights of the Child, 1989", 1989, UN),
    "UN-TIP": (
        "Trafficking in Persons Protocol",
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
        "supplementing the United Nations Convention against Transnational Organized Crime, 2000",
        2000,
        UN,
    ),
    "UN-SOM": (
        "Smuggling of Migrants Protocol",
        "Protocol against the Smuggling of Migrants by Land, Sea and Air, "
        "supplementing the United Nations Convention against Transnational Organized Crime, 2000",
        2000,
        UN,
    ),
    "UN-STATELESS-1954": ("1954 Statelessness Convention", "Convention relating to the Status of Stateless Persons, 1954", 1954, UN),
    "UN-STATELESS-1961": ("1961 Statelessness Convention", "Convention on the Reduction of Statelessness, 1961", 1961, UN),
}


def instrument(
    id: str, *, completeness: str, note: str, source_ids: tuple[str, ...], as_of: str | None, citation: str = "", complete_to: str | None = None
) -> Instrument:
    short, title, year, depositary = TITLES[id]
    return Instrument(
        id=id,
        short_title=short,
        title=title,
        adoption_year=year,
        depositary=depositary,
        family=id.split("-", 1)[0],
        completeness=completeness,
        completeness_note=note,
        source_ids=source_ids,
        as_of=as_of,
        citation=citation,
        complete_to=as_of if completeness in ("complete", "stale") else complete_to,
    )
