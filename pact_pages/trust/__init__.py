"""Trust boundaries (issue 14): what keeps a signatory's titles, files, accounts and
translations inside its own boundary, and a locale's inside its translators', until a
moderator lets them out.

One module per kind of boundary, each registering its own admin hooks (imported from
``pact_pages.wagtail_hooks``):

* ``translation_hooks``: wagtail-localize's views publish nothing and cross no locale;
* ``people_hooks``: accounts are never bound by an e-mail match; user lists are scoped;
* ``chooser_hooks``: choosers, autocompletes, messages and saved ids stay in one's own pages
  and media;
* ``media_hooks``: files, caches and the CDN forget what is no longer public.
"""
