"""The demo's cases of the rules of the law: for each rule, the nominee meant to pass passes and the one
meant to fail fails, for the reason the rule gives."""

import pytest

from awards.domain import demo
from awards.domain.demo_law import CASES, PREFIX
from awards.models import Nominee
from directory.domain import demo as directory_demo
from tests.permissions import built_once_per_module

# rule -> words of the failing nominee's explanation (Vietnamese, the portal's language)
FAILS_BECAUSE = {
    "second_conferral": "theo Quyết định số 58/QĐ-SNV",
    "advanced_share": "5/10",
    "excellent_share": "9/13",
    "initiative_once": "Mẫu biểu thống kê thi đua trực tuyến",
    "national_fighter": "năm 2023",
    "sanction_date": "1 thành viên bị kỷ luật",
}


def build(_cast):
    directory_demo.seed(with_logins=True)
    demo.seed(with_logins=True)
    rows = Nominee.objects.filter(proposal__title__startswith=PREFIX).select_related("award", "person", "unit")
    return {str(nominee): (nominee.eligibility_status, nominee.eligibility_explanation) for nominee in rows}


shared_data = built_once_per_module(build, with_cast=False)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_has_a_passing_and_a_failing_case(shared_data, rule):
    _title, passing, failing = CASES[rule]
    status, explanation = shared_data.objects[passing]
    assert status == "passed", explanation
    status, explanation = shared_data.objects[failing]
    assert status == "failed" and FAILS_BECAUSE[rule] in explanation, explanation
