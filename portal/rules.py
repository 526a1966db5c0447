"""Who may read what in the portal's own screens: a person's inbox and preferences are theirs alone."""

import rules


@rules.predicate
def is_recipient(user, notification):
    """The notification was written to `user`."""
    return notification is not None and user.is_authenticated and notification.recipient_id == user.pk


rules.add_perm("portal.use_inbox", rules.is_authenticated)
rules.add_perm("portal.view_notification", is_recipient)


@rules.predicate
def is_requester(user, job):
    """The import job was asked for by `user`."""
    return job is not None and user.is_authenticated and job.requested_by_id == user.pk


rules.add_perm("portal.view_importjob", is_requester)


@rules.predicate
def is_export_requester(user, job):
    """`user` asked for this export: nobody else, administrators included, sees or downloads it."""
    return job is not None and user.is_authenticated and job.requested_by_id == user.pk


rules.add_perm("portal.list_exportjob", rules.is_authenticated)
rules.add_perm("portal.view_exportjob", is_export_requester)
rules.add_perm("portal.download_exportjob", is_export_requester)
rules.add_perm("portal.retry_exportjob", is_export_requester)
