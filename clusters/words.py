"""The words of a cluster and of a bloc: a bloc has a Khối trưởng and a Khối phó, a cluster a Cụm
trưởng and a Cụm phó. Pages, exports and PDFs take them from `cluster.words` (or `words_for(kind)`),
never write "Cụm" for both.

`lead`, `deputy`, ... are translatable (English pages say "bloc lead"); `official` holds the fixed
Vietnamese words of official documents (the conference summary is Vietnamese in any language).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .enums import ClusterKind


@dataclass(frozen=True)
class Official:
    noun: str  # Cụm / Khối
    lead: str  # Cụm trưởng / Khối trưởng
    deputy: str  # Cụm phó / Khối phó
    whole: str  # Toàn Cụm / Toàn Khối
    symbol: str  # the report's document symbol: BC-CTĐ / BC-KTĐ
    members: str  # a recipient line: Các đơn vị thành viên Cụm / Khối


@dataclass(frozen=True)
class Words:
    noun: object
    lead: object
    deputy: object
    lead_unit: object
    deputy_unit: object
    whole: object
    next_lead: object  # "Next year's bloc lead"
    next_deputy: object
    next_lead_and_deputy: object
    rotation: object  # the heading of the years and their leads
    official: Official


WORDS = {
    ClusterKind.CLUSTER: Words(
        noun=_("cluster"),
        lead=_("Cluster lead"),
        deputy=_("Cluster deputy"),
        lead_unit=_("unit of the cluster lead"),
        deputy_unit=_("unit of the cluster deputy"),
        whole=_("The whole cluster"),
        next_lead=_("Next year's cluster lead"),
        next_deputy=_("Next year's cluster deputy"),
        next_lead_and_deputy=_("Next year's cluster lead and cluster deputy"),
        rotation=_("Terms and rotation of the cluster lead"),
        official=Official(
            noun="Cụm",
            lead="Cụm trưởng",
            deputy="Cụm phó",
            whole="Toàn Cụm",
            symbol="BC-CTĐ",
            members="Các đơn vị thành viên Cụm",
        ),
    ),
    ClusterKind.BLOC: Words(
        noun=_("bloc"),
        lead=_("Bloc lead"),
        deputy=_("Bloc deputy"),
        lead_unit=_("unit of the bloc lead"),
        deputy_unit=_("unit of the bloc deputy"),
        whole=_("The whole bloc"),
        next_lead=_("Next year's bloc lead"),
        next_deputy=_("Next year's bloc deputy"),
        next_lead_and_deputy=_("Next year's bloc lead and bloc deputy"),
        rotation=_("Terms and rotation of the bloc lead"),
        official=Official(
            noun="Khối",
            lead="Khối trưởng",
            deputy="Khối phó",
            whole="Toàn Khối",
            symbol="BC-KTĐ",
            members="Các đơn vị thành viên Khối",
        ),
    ),
}


def words_for(kind):
    """The words of a cluster kind; an unknown kind gets the cluster's words."""
    return WORDS.get(kind, WORDS[ClusterKind.CLUSTER])


def supervising_body(cluster):
    """The office the conference summary is sent to: the organising body, else by level (Vietnamese)."""
    if cluster.organising_body_id:
        return cluster.organising_body.name
    if cluster.organising_level == "central":
        return "Ban Thi đua - Khen thưởng Trung ương"
    return "Ban Thi đua - Khen thưởng tỉnh"
