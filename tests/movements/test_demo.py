"""The movements' demo data: the articles' movements and figures, loaded idempotently."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from directory.domain import demo as directory_demo
from movements.domain import demo
from movements.enums import MovementState
from movements.models import Movement, ProgressEntry, Registration, Target
from tests.permissions import snapshot


@pytest.mark.django_db
def test_demo_seed_loads_the_articles_movements_and_is_idempotent():
    directory_demo.seed(with_logins=False)

    assert demo.seed(with_logins=True) == []
    before = snapshot()
    demo.seed(with_logins=True)

    assert snapshot() == before
    assert Movement.objects.filter(code__startswith="ND-").count() == 7
    assert Movement.objects.get(code="ND-GPMB-2022").state == MovementState.DRAFT
    assert Movement.objects.get(code="BG-TD-2022").objectives.count("\n") == 5
    assert Movement.objects.get(code="ND-NTM-2021").plan_number == "79/KH-UBND"
    communes = Target.objects.get(indicator="Số xã, thị trấn đạt chuẩn nông thôn mới nâng cao")
    assert communes.progress.get().value == Decimal(189)
    poverty = ProgressEntry.objects.filter(
        target__movement__code="ND-GN-2021", target__indicator__startswith="Tỷ lệ hộ nghèo"
    )
    assert sorted(entry.value for entry in poverty) == [Decimal("1.32"), Decimal("1.74")]
    assert Registration.objects.exists()
    assert LogEntry.objects.exists()
