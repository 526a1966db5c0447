"""The upward package (issue 16, upward): a decided dossier to the Prime Minister's Bằng khen is built into
a zip whose manifest lists exactly its files; an incomplete or unsigned dossier is refused with the list;
the same dossier gives the same files; sending is recorded once; the zip downloads again unchanged."""

import hashlib
import io
import json
import subprocess
import zipfile

import pytest
from django.urls import reverse

from awards.domain import AwardsError
from awards.domain.upward import package as upward
from awards.models import ProposalDocument, UpwardPackage
from tests.factories.upward import NAMES, central_dossier
from tests.permissions import built_once_per_module, rolled_back, snapshot

pytestmark = pytest.mark.django_db

EXPECTED_FILES = [
    "01_To_trinh.pdf",
    "02_Danh_sach.docx",
    "02_Danh_sach.pdf",
    "03_Bao_cao_thanh_tich_01_Nguyen_Thi_Hoa.pdf",
    "03_Bao_cao_thanh_tich_02_Tran_Van_Binh.pdf",
    "04_Bien_ban_Hoi_dong_tinh.docx",
    "04_Bien_ban_Hoi_dong_tinh.pdf",
    "05_Bien_ban_co_so.pdf",
    "06_Minh_chung.pdf",
    "07_Quyet_dinh.pdf",
    "manifest.json",
]


def build(cast):
    complete = central_dossier(unit=cast["member_unit"], officer=cast["officer"])
    first = upward.build_package(proposal=complete, by=cast["officer"])
    second = upward.build_package(proposal=complete, by=cast["officer"])
    return {"complete": complete.pk, "first": first.pk, "second": second.pk}


shared_data = built_once_per_module(build)


def _zip(package):
    with package.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _pdf_text(data, tmp_path):
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())  # words a table cell wraps are joined again


def test_the_zip_holds_every_expected_file_and_each_opens(shared_data, tmp_path):
    from docx import Document

    package = UpwardPackage.objects.get(pk=shared_data.objects["first"])
    archive = _zip(package)
    assert archive.namelist() == EXPECTED_FILES
    names_list = Document(io.BytesIO(archive.read("02_Danh_sach.docx")))
    cells = {cell.text for table in names_list.tables for row in table.rows for cell in row.cells}
    assert set(NAMES) <= cells
    assert all(name in _pdf_text(archive.read("02_Danh_sach.pdf"), tmp_path) for name in NAMES)
    minutes = _pdf_text(archive.read("04_Bien_ban_Hoi_dong_tinh.pdf"), tmp_path)
    assert "BIÊN BẢN" in minutes and NAMES[0] in minutes
    Document(io.BytesIO(archive.read("04_Bien_ban_Hoi_dong_tinh.docx")))
    assert package.proposal.decision.number in _pdf_text(archive.read("07_Quyet_dinh.pdf"), tmp_path)
    assert NAMES[1] in _pdf_text(archive.read("03_Bao_cao_thanh_tich_02_Tran_Van_Binh.pdf"), tmp_path)


def test_the_manifest_lists_exactly_the_files_with_their_hashes(shared_data):
    package = UpwardPackage.objects.get(pk=shared_data.objects["first"])
    archive = _zip(package)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest == package.manifest
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert sorted(listed) == sorted(set(archive.namelist()) - {"manifest.json"})
    for name, entry in listed.items():
        data = archive.read(name)
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert listed["01_To_trinh.pdf"]["signature_state"] == "valid"
    assert listed["01_To_trinh.pdf"]["item"] == "cover_letter"
    assert manifest["package"]["number"] == 1
    assert manifest["package"]["built_at"].endswith("+07:00")
    assert manifest["proposal"]["nominee_count"] == 2
    assert manifest["proposal"]["awards"][0]["code"] == "BKTTG-CN"
    assert manifest["proposal"]["decision"]["number"] == package.proposal.decision.number


def test_building_twice_gives_the_same_files(shared_data):
    first = UpwardPackage.objects.get(pk=shared_data.objects["first"])
    second = UpwardPackage.objects.get(pk=shared_data.objects["second"])
    assert (first.number, second.number) == (1, 2)
    assert first.manifest["files"] == second.manifest["files"]
    one, two = _zip(first), _zip(second)
    assert all(one.read(name) == two.read(name) for name in EXPECTED_FILES[:-1])


def test_a_dossier_without_cover_letter_is_refused_with_the_list_and_nothing_written(member_unit, officer):
    with rolled_back():
        proposal = central_dossier(unit=member_unit, officer=officer, cover=None, reports=False)
        problems = upward.check_package(proposal)
        keys = [problem.key for problem in problems]
        assert keys.count("achievement_report") == 2 and "cover_letter" in keys
        assert any("Tờ trình" in problem.message for problem in problems)
        assert any(NAMES[0] in problem.message for problem in problems)
        before = snapshot()
        with pytest.raises(upward.PackageRefused) as refused:
            upward.build_package(proposal=proposal, by=officer)
        assert [problem.key for problem in refused.value.problems] == keys
        assert snapshot() == before


def test_an_unsigned_cover_letter_is_listed(member_unit, officer):
    with rolled_back():
        proposal = central_dossier(unit=member_unit, officer=officer, cover="unsigned")
        problems = upward.check_package(proposal)
        assert [problem.key for problem in problems] == ["cover_letter"]
        assert "to-trinh.pdf" in problems[0].message


def test_sending_records_when_by_whom_and_the_reference_once(shared_data, cast):
    with rolled_back():
        first = UpwardPackage.objects.get(pk=shared_data.objects["first"])
        with pytest.raises(AwardsError):  # a newer package exists
            upward.mark_sent(package=first, by=cast["officer"], reference="TW-2026-0001")
        second = UpwardPackage.objects.get(pk=shared_data.objects["second"])
        with pytest.raises(AwardsError):
            upward.mark_sent(package=second, by=cast["officer"], reference="   ")
        sent = upward.mark_sent(package=second, by=cast["officer"], reference="TW-2026-0001")
        sent.refresh_from_db()
        assert sent.sent_by == cast["officer"] and sent.reference == "TW-2026-0001" and sent.sent_at
        assert sent.proposal.state == "forwarded"
        with pytest.raises(AwardsError):
            upward.mark_sent(package=sent, by=cast["officer"], reference="TW-2026-0002")
        sent.refresh_from_db()
        assert sent.reference == "TW-2026-0001"


def test_the_package_downloads_again_with_the_same_bytes(shared_data, client_as, cast):
    package = UpwardPackage.objects.get(pk=shared_data.objects["first"])
    response = client_as(cast["officer"]).get(reverse("awards:upward_download", args=[package.pk]))
    data = b"".join(response.streaming_content)  # read to the end: the test client then closes the file
    assert response.status_code == 200
    assert hashlib.sha256(data).hexdigest() == package.sha256 and len(data) == package.size
    assert "ho-so-" in response.headers["Content-Disposition"]


def test_the_panel_and_the_history_show_the_packages(shared_data, client_as, cast):
    url = reverse("awards:proposal_detail", args=[shared_data.objects["complete"]])
    page = client_as(cast["officer"]).get(url).content.decode()
    assert 'id="upward"' in page and reverse("awards:upward_build", args=[shared_data.objects["complete"]]) in page
    assert page.count(reverse("awards:upward_download", args=[shared_data.objects["first"]])) == 1
    unit_page = client_as(cast["unit_officer"]).get(url).content.decode()
    assert 'id="upward"' in unit_page and "upward/" not in unit_page.split('id="upward"')[1].split("</section>")[0]


def test_an_officer_completes_the_dossier_then_builds(member_unit, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.upward import pdf_of

    with rolled_back():
        proposal = central_dossier(unit=member_unit, officer=officer, cover=None)
        assert [problem.key for problem in upward.check_package(proposal)] == ["cover_letter"]
        upload = SimpleUploadedFile("to-trinh-tinh.pdf", pdf_of("Tờ trình"))
        document = upward.attach_for_package(proposal=proposal, kind="cover_letter", uploaded_file=upload, by=officer)
        assert ProposalDocument.objects.filter(pk=document.pk, signature_state="unsigned").exists()
        problems = upward.check_package(proposal)
        assert [problem.key for problem in problems] == ["cover_letter"] and "to-trinh-tinh.pdf" in problems[0].message
        with pytest.raises(AwardsError):  # a Word file is no document kind the package takes in place of a PDF? it is
            upward.attach_for_package(proposal=proposal, kind="nominee_list", uploaded_file=upload, by=officer)
