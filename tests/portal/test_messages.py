"""Every refusal says why in Vietnamese: database constraints (in a form and when domain code runs
into one), and upload sizes ("Tệp nặng 12,4 MB, vượt giới hạn 10 MB.")."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.utils import translation

from movements.models import Registration, Target
from portal.actions import attempt
from portal.text import project_models
from portal.uploads import UploadRejected, check_upload, megabytes
from tests.factories.movements import MovementFactory, RegistrationFactory, TargetFactory

MB = 1024 * 1024


def project_constraints():
    return [
        (model, constraint)
        for model in project_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, models.CheckConstraint | models.UniqueConstraint)
    ]


def test_every_constraint_says_why_in_a_translated_sentence():
    found = project_constraints()
    assert len(found) >= 56
    default = models.CheckConstraint.default_violation_error_message
    problems = []
    for model, constraint in found:
        message = constraint.violation_error_message
        with translation.override("en"):
            english = str(message)
        with translation.override("vi"):
            vietnamese = str(message)
        if message == default or str(message) == str(default) or "%(name)s" in english:
            problems.append(f"{model._meta.label}.{constraint.name}: no message of its own")
        elif vietnamese == english or not english.endswith("."):
            problems.append(f"{model._meta.label}.{constraint.name}: {english!r} is not translated / not a sentence")
    assert not problems, "\n".join(problems)
    assert apps.get_model("movements", "Target") in {model for model, _constraint in found}


@pytest.mark.django_db
def test_the_target_form_shows_the_baseline_sentence_in_vietnamese(client_as, officer):
    movement = MovementFactory()

    response = client_as(officer).post(
        f"/movements/{movement.pk}/targets/new/",
        {
            "indicator": "Tỷ lệ",
            "unit_of_measure": "%",
            "direction": "higher",
            "baseline_value": "-1",
            "target_value": "10",
            "deadline": "31/12/2025",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Giá trị ban đầu không được âm." in page
    assert "target_baseline_not_negative" not in page and "is violated" not in page
    assert not Target.objects.exists()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.django_db(transaction=False)
def test_an_integrity_error_from_domain_code_reaches_the_user_as_the_constraint_sentence():
    target = TargetFactory()
    registration = RegistrationFactory()
    request = _request()

    with translation.override("vi"):
        negative = attempt(request, lambda: Target.objects.filter(pk=target.pk).update(baseline_value=Decimal(-5)))
        twice = attempt(
            request, lambda: Registration.objects.create(movement=registration.movement, unit=registration.unit)
        )
        ok = attempt(request, lambda: Target.objects.filter(pk=target.pk).update(baseline_value=1), success="Đã lưu.")

    assert (negative, twice, ok) == (False, False, True)
    assert [str(message) for message in get_messages(request)] == [
        "Giá trị ban đầu không được âm.",
        "Đơn vị này đã đăng ký tham gia phong trào.",
        "Đã lưu.",
    ]
    assert Registration.objects.filter(movement=registration.movement).count() == 1
    target.refresh_from_db()
    assert target.baseline_value == 1


def test_sizes_read_as_whole_megabytes_or_one_decimal():
    with translation.override("vi"):
        assert [megabytes(10 * MB), megabytes(int(12.4 * MB)), megabytes(MB // 2)] == ["10", "12,4", "0,5"]
        upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n" + b"0" * int(12.4 * MB))
        with pytest.raises(UploadRejected) as refused:
            check_upload(upload, max_bytes=10 * MB)
        assert str(refused.value) == "Tệp nặng 12,4 MB, vượt giới hạn 10 MB."
        assert refused.value.code == "size"
        barely = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n" + b"0" * (10 * MB + 1000))
        with pytest.raises(UploadRejected) as refused:
            check_upload(barely, max_bytes=10 * MB)
        assert str(refused.value) == "Tệp nặng 10,1 MB, vượt giới hạn 10 MB."
    with translation.override("en"):
        assert megabytes(int(12.4 * MB)) == "12.4"


@pytest.mark.django_db
def test_a_refused_report_attachment_says_why(client_as, officer, settings):
    from tests.factories.reports import MemberReportFactory

    settings.UPLOAD_MAX_BYTES = MB
    report = MemberReportFactory()
    url = f"/reports/{report.pk}/attachments/"
    client = client_as(officer)

    def refusals(data):
        response = client.post(url, data, follow=True)
        return [str(message) for message in response.context["messages"]]

    big = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n" + b"0" * int(1.5 * MB))
    assert refusals({"title": "Biên bản", "file": big}) == ["Tệp nặng 1,5 MB, vượt giới hạn 1 MB."]
    script = SimpleUploadedFile("bien-ban.pdf", b"#!/bin/sh\n")
    too_long, not_accepted = refusals({"title": "x" * 300, "file": script})
    assert "255" in too_long
    assert "không được chấp nhận" in not_accepted
    assert refusals({"title": "Biên bản"}) == ["Vui lòng nhập tiêu đề và chọn tệp đính kèm."]
    assert not report.attachments.exists()
