"""Events and the site-wide calendar (pact_pages.events)."""

import uuid
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

import pact_pages.core.templating
import pact_pages.events.models
import pact_pages.events.zones


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0025_children_version"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('introduction', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
            ],
            options={
                'verbose_name': 'calendar',
            },
            bases=(pact_pages.core.templating.BaseTemplateMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='EventPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('summary', models.TextField(help_text='One or two sentences shown in the calendar.', max_length=400, verbose_name='summary')),
                ('body', wagtail.fields.StreamField([('paragraph', 0), ('heading', 1), ('image', 5), ('quote', 8), ('embed', 9), ('document', 12), ('key_figures', 17)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'label': 'Paragraph', 'template': 'pact_pages/blocks/paragraph.html'}), 1: ('wagtail.blocks.CharBlock', (), {'form_classname': 'title', 'label': 'Heading', 'max_length': 120, 'template': 'pact_pages/blocks/heading.html'}), 2: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe the image for people who cannot see it.', 'label': 'Alternative text', 'max_length': 250, 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 250, 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('image', 2), ('alt_text', 3), ('caption', 4)]], {}), 6: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 7: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 200, 'required': False}), 8: ('wagtail.blocks.StructBlock', [[('text', 6), ('attribution', 7)]], {}), 9: ('wagtail.embeds.blocks.EmbedBlock', (), {'label': 'Video or other embed', 'template': 'pact_pages/blocks/embed.html'}), 10: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 11: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave blank to use the document's title.", 'label': 'Link text', 'max_length': 200, 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('document', 10), ('title', 11)]], {}), 13: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. 1,200 or 85%', 'label': 'Figure', 'max_length': 40}), 14: ('wagtail.blocks.CharBlock', (), {'label': 'What it counts', 'max_length': 120}), 15: ('wagtail.blocks.StructBlock', [[('value', 13), ('label', 14)]], {}), 16: ('wagtail.blocks.ListBlock', (15,), {'label': 'Figures', 'max_num': 6, 'min_num': 1}), 17: ('wagtail.blocks.StructBlock', [[('figures', 16)]], {})}, verbose_name='body')),
                ('start', models.DateTimeField(db_index=True, verbose_name='start')),
                ('end', models.DateTimeField(db_index=True, verbose_name='end')),
                ('time_zone', models.CharField(default=pact_pages.events.zones.default_time_zone, help_text='The zone of the place (or of the organisers, online).', max_length=64, validators=[pact_pages.events.models.validate_time_zone], verbose_name='time zone')),
                ('all_day', models.BooleanField(default=False, verbose_name='all day')),
                ('attendance', models.CharField(choices=[('in_person', 'In person'), ('online', 'Online'), ('hybrid', 'In person and online')], default='in_person', max_length=10, verbose_name='attendance')),
                ('address', models.TextField(blank=True, max_length=500, verbose_name='address')),
                ('latitude', models.DecimalField(blank=True, decimal_places=6, help_text='Between -90 and 90, e.g. 48.5734 for Strasbourg.', max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(Decimal('-90')), django.core.validators.MaxValueValidator(Decimal('90'))], verbose_name='latitude')),
                ('longitude', models.DecimalField(blank=True, decimal_places=6, help_text='Between -180 and 180, e.g. 7.7521 for Strasbourg.', max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(Decimal('-180')), django.core.validators.MaxValueValidator(Decimal('180'))], verbose_name='longitude')),
                ('online_url', models.URLField(blank=True, verbose_name='link to join online')),
                ('event_languages', models.JSONField(blank=True, default=pact_pages.events.models.default_event_languages, verbose_name='languages of the event')),
                ('registration_url', models.URLField(blank=True, verbose_name='registration link')),
                ('initiative', models.ForeignKey(blank=True, help_text='The initiative this event belongs to, if any.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='pact_pages.initiativepage', verbose_name='initiative')),
            ],
            options={
                'verbose_name': 'event',
                'verbose_name_plural': 'events',
            },
            bases=(pact_pages.core.templating.BaseTemplateMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='EventPageTag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='pact_pages.eventpage')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='eventpage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='pact_pages.EventPageTag', to='taggit.Tag', verbose_name='tags'),
        ),
        migrations.CreateModel(
            name='EventPillar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='pillar_links', to='pact_pages.eventpage')),
                ('pillar', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='pact_pages.pillar', verbose_name='P')),
            ],
            options={
                'verbose_name': 'P of the event',
                'verbose_name_plural': 'Ps of the event',
                'abstract': False,
                'unique_together': {('translation_key', 'locale')},
            },
        ),
    ]
