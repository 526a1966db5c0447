"""Issue 15, certificates: each award record gets its verification code (existing rows filled here, each a
fresh random one), the certificate layouts and the issued digital certificates."""

import awards.models.certificates
import awards.models.history
import django.db.models.deletion
import rules.contrib.models
from django.conf import settings
from django.db import migrations, models


BATCH = 2000


def fill_codes(apps, schema_editor):
    """A distinct random code for every existing award record, written in batches."""
    from awards.models.history import new_verification_code

    record = apps.get_model("awards", "AwardRecord")
    used = set()
    batch = []
    for row in record.objects.filter(verification_code__isnull=True).only("pk").iterator(chunk_size=BATCH):
        code = new_verification_code()
        while code in used:
            code = new_verification_code()
        used.add(code)
        row.verification_code = code
        batch.append(row)
        if len(batch) >= BATCH:
            record.objects.bulk_update(batch, ["verification_code"])
            batch = []
    if batch:
        record.objects.bulk_update(batch, ["verification_code"])


def clear_codes(apps, schema_editor):
    """Backwards: nothing to undo before the column is dropped (the codes go with it)."""


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0015_award_signed_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Three steps, as for any unique column added to rows that exist: nullable, filled, then unique.
        migrations.AddField(
            model_name='awardrecord',
            name='verification_code',
            field=models.CharField(editable=False, max_length=10, null=True, verbose_name='verification code'),
        ),
        migrations.RunPython(fill_codes, clear_codes, elidable=True),
        migrations.AlterField(
            model_name='awardrecord',
            name='verification_code',
            field=models.CharField(default=awards.models.history.new_verification_code, editable=False, help_text='Printed on the certificate and in its QR code: anyone may check the award with it.', max_length=10, unique=True, verbose_name='verification code'),
        ),
        migrations.CreateModel(
            name='CertificateLayout',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('page_width_mm', models.PositiveSmallIntegerField(default=297, help_text='A4 landscape is 297 x 210 mm, A4 portrait 210 x 297 mm.', verbose_name='page width (mm)')),
                ('page_height_mm', models.PositiveSmallIntegerField(default=210, verbose_name='page height (mm)')),
                ('fields', models.JSONField(default=list, help_text='A list of {"field", "x_mm", "y_mm", "width_mm", "font", "size_pt", "align", "bold", "uppercase"}: x_mm from the left edge to the text box, y_mm from the top edge to the top of its first line.', verbose_name='fields')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('award', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='certificate_layout', to='awards.award', verbose_name='award')),
            ],
            options={
                'verbose_name': 'certificate layout',
                'verbose_name_plural': 'certificate layouts',
                'ordering': ['award__name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('page_width_mm__gte', 50), ('page_width_mm__lte', 1000), ('page_height_mm__gte', 50), ('page_height_mm__lte', 1000)), name='certificate_layout_page_size', violation_error_message='The page width and height must be between 50 and 1000 mm.')],
            },
            bases=(rules.contrib.models.RulesModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='IssuedCertificate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signature_state', models.CharField(blank=True, choices=[('valid', 'valid signature'), ('unknown_signer', 'unknown signer'), ('modified', 'modified after signing'), ('invalid', 'invalid signature'), ('unsigned', 'not signed')], editable=False, max_length=20, verbose_name='digital signature')),
                ('signature_summary', models.CharField(blank=True, editable=False, max_length=500, verbose_name='signature check')),
                ('file', models.FileField(max_length=255, upload_to=awards.models.certificates.certificate_path, verbose_name='file')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('content_key', models.CharField(help_text='A hash of what the certificate shows: the same content is not signed again.', max_length=64, verbose_name='content key')),
                ('signed_at', models.DateTimeField(verbose_name='signed at')),
                ('issued_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued at the request of')),
                ('record', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='certificates', to='awards.awardrecord', verbose_name='award record')),
            ],
            options={
                'verbose_name': 'digital certificate',
                'verbose_name_plural': 'digital certificates',
                'ordering': ['record', '-signed_at', '-pk'],
                'indexes': [models.Index(fields=['record', '-signed_at'], name='issued_certificate_latest')],
            },
            bases=(rules.contrib.models.RulesModelMixin, models.Model),
        ),
    ]
