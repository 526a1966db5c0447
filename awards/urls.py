from django.urls import path

from .views import catalogue, corrections, council, decisions, documents, history, links, nominees, proposals, records
from .views import certificates as certificate_views  # issue 15, certificates
from .views import notice_moderation as moderation  # issue 16, public

app_name = "awards"

urlpatterns = [
    path("proposals/", proposals.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", proposals.ProposalCreateView.as_view(), name="proposal_create"),
    path("proposals/queue/", proposals.VerificationQueueView.as_view(), name="queue"),
    path("proposals/from-term/<int:term_pk>/", proposals.proposal_from_term, name="proposal_from_term"),
    path("proposals/template.xlsx", nominees.nominee_template, name="nominee_template"),
    path("proposals/suggest/reviews/", links.review_suggestions, name="review_suggestions"),
    path("proposals/suggest/terms/", links.term_suggestions, name="term_suggestions"),
    path("proposals/<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/<slug:action>/", proposals.proposal_action, name="proposal_action"),
    path("proposals/<int:pk>/nominees/add/", nominees.nominee_add, name="nominee_add"),
    path("proposals/<int:pk>/nominees/import/", nominees.nominee_import, name="nominee_import"),
    path("proposals/<int:pk>/documents/add/", documents.document_upload, name="document_upload"),
    path("proposals/<int:pk>/decision/new/", decisions.decision_create, name="decision_create"),
    path("nominees/<int:pk>/delete/", nominees.nominee_delete, name="nominee_delete"),
    path("nominees/<int:pk>/override/", nominees.nominee_override, name="nominee_override"),
    path("documents/<int:pk>/", documents.document_download, name="document_download"),
    path("council/", council.SessionListView.as_view(), name="session_list"),
    path("council/new/", council.session_create, name="session_create"),
    path("council/<int:pk>/", council.session_detail, name="session_detail"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path("decisions/<int:pk>/decision.docx", decisions.decision_docx_view, name="decision_docx"),
    path("decisions/<int:pk>/annex.xlsx", decisions.decision_annex, name="decision_annex"),
    path("catalogue/", catalogue.AwardCatalogueView.as_view(), name="award_catalogue"),
    path("history/", history.lookup, name="lookup"),
    path("history/import/", history.history_import, name="history_import"),
    path("history/template.xlsx", history.history_template, name="history_template"),
    path("history/<int:pk>/correct/", records.record_edit, name="record_edit"),  # issue 14
    # Corrections (issue 11, "awards" part): two-segment paths, so `proposal_action` never catches them.
    path("proposals/<int:pk>/draft/delete/", corrections.proposal_delete, name="proposal_delete"),
    path("proposals/<int:pk>/details/edit/", corrections.proposal_edit, name="proposal_edit"),
    path("nominees/<int:pk>/edit/", corrections.nominee_edit, name="nominee_edit"),
    path("documents/<int:pk>/replace/", corrections.document_replace, name="document_replace"),
    path("documents/<int:pk>/remove/", corrections.document_remove, name="document_remove"),
    path("council/votes/<int:pk>/edit/", corrections.vote_edit, name="vote_edit"),
    path("council/<int:pk>/edit/", corrections.session_edit, name="session_edit"),
    path("decisions/<int:pk>/edit/", corrections.decision_edit, name="decision_edit"),
    path("nominees/<int:pk>/override/withdraw/", corrections.override_withdraw, name="override_withdraw"),
    # Unit boundaries (issue 12, "bounds" part): the nominee form's suggestions.
    path("proposals/<int:pk>/suggest/people/", nominees.nominee_people, name="nominee_people"),
    path("proposals/<int:pk>/suggest/units/", nominees.nominee_units, name="nominee_units"),
    # Decisions in the Decree 30/2020 form (issue 12, "decree" part).
    path("decisions/<int:pk>/decision.pdf", decisions.decision_pdf_view, name="decision_pdf"),
    # Council records (issue 12, "council" part).
    path("council/members/", council.MemberListView.as_view(), name="member_list"),
    path("council/members/new/", council.member_create, name="member_create"),
    path("council/members/<int:pk>/edit/", council.member_edit, name="member_edit"),
    path("council/<int:pk>/places/", council.session_quota, name="session_quota"),
    path("council/<int:pk>/minutes.docx", council.session_minutes_docx, name="session_minutes_docx"),
    path("council/<int:pk>/minutes.pdf", council.session_minutes_pdf, name="session_minutes_pdf"),
    path("council/votes/<int:pk>/annul/", council.vote_annul, name="vote_annul"),
    # Certificates (issue 15, "certificates" part).
    path("decisions/<int:pk>/certificates.pdf", certificate_views.decision_certificates, name="decision_certificates"),
    path("history/<int:pk>/certificate/", certificate_views.record_certificate, name="record_certificate"),
    path("certificate-layouts/preview/", certificate_views.layout_preview, name="certificate_layout_preview"),
    # Public notices and the register (issue 16, "public" part): the office's pages.
    path("proposals/<int:pk>/notice/publish/", moderation.notice_publish, name="notice_publish"),
    path("notices/entries/<int:pk>/edit/", moderation.notice_entry_edit, name="notice_entry_edit"),
    path("notices/comments/", moderation.CommentQueueView.as_view(), name="notice_comments"),
    path("notices/comments/<int:pk>/", moderation.notice_comment, name="notice_comment"),
    path("decisions/<int:pk>/register/", moderation.decision_register, name="decision_register"),
]

# The upward package (issue 16, upward).
from .views import upward  # noqa: E402

urlpatterns += [
    path("proposals/<int:pk>/upward/check/", upward.upward_check, name="upward_check"),
    path("proposals/<int:pk>/upward/build/", upward.upward_build, name="upward_build"),
    path("proposals/<int:pk>/upward/attach/", upward.upward_attach, name="upward_attach"),
    path("upward/<int:pk>/package.zip", upward.upward_download, name="upward_download"),
    path("upward/<int:pk>/send/", upward.upward_send, name="upward_send"),
]
