from django.urls import path

from undersigned.drafting import translation_views, views

app_name = "drafting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("statements/new/", views.new_statement, name="new"),
    path("preview/", views.preview, name="preview"),
    path("statements/<int:statement_id>/", views.statement_page, name="statement"),
    path("statements/<int:statement_id>/edit/", views.edit, name="edit"),
    path("statements/<int:statement_id>/state/", views.set_state, name="set_state"),
    path("statements/<int:statement_id>/settings/", views.change_settings, name="settings"),
    path("statements/<int:statement_id>/delete/", views.delete, name="delete"),
    path("statements/<int:statement_id>/comments/", views.comment, name="comment"),
    path("statements/<int:statement_id>/amendments/", views.propose, name="propose"),
    path("statements/<int:statement_id>/amendments/merge/", views.merge, name="merge"),
    path(
        "statements/<int:statement_id>/amendments/<int:number>/decision/",
        views.decide,
        name="decide",
    ),
    path("statements/<int:statement_id>/diff/", views.diff, name="diff"),
    path("statements/<int:statement_id>/diff.txt", views.diff_text, name="diff_text"),
    path("statements/<int:statement_id>/history/", views.history, name="history"),
    path(
        "statements/<int:statement_id>/translations/",
        translation_views.translations,
        name="translations",
    ),
    path(
        "statements/<int:statement_id>/translations/start/",
        translation_views.start,
        name="translation_start",
    ),
    path(
        "statements/<int:statement_id>/translations/translators/",
        translation_views.name,
        name="translator_name",
    ),
    path(
        "statements/<int:statement_id>/translations/translators/<int:translator_id>/end/",
        translation_views.unname,
        name="translator_unname",
    ),
    path(
        "statements/<int:statement_id>/translations/<str:language>/",
        translation_views.editor,
        name="translate",
    ),
]
