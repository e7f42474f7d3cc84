from django.contrib import admin
from django.urls import include, path

from undersigned.access import views as access_views
from undersigned.core import views as core_views
from undersigned.demo import views as demo_views
from undersigned.drafting import register_views, secretariat_views

# The secretariat's pages that are not the drafting workspace: a statement's state and
# signatures and the register of organizations (drafting), and the decisions on requests to
# become a delegate (access).
secretariat_urls = [
    path("organizations/", register_views.register_list, name="register"),
    path("organizations/new/", register_views.new_organization, name="organization_new"),
    path(
        "organizations/<int:organization_id>/",
        register_views.organization_page,
        name="organization",
    ),
    path(
        "organizations/<int:organization_id>/edit/",
        register_views.edit_organization,
        name="organization_edit",
    ),
    path(
        "organizations/<int:organization_id>/merge/",
        register_views.merge_organization,
        name="organization_merge",
    ),
    path("statements/<int:statement_id>/", secretariat_views.manage_statement, name="statement"),
    path("requests/", access_views.delegate_requests, name="requests"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/<str:code>/", core_views.choose_language, name="choose_language"),
    path("account/", include("undersigned.access.urls")),
    path("account/", include("undersigned.signatures.urls")),
    path("secretariat/import/", include("undersigned.importing.urls")),
    path("drafting/", include("undersigned.drafting.urls")),
    path("api/v1/", include("undersigned.api.urls")),
    path("secretariat/", include((secretariat_urls, "secretariat"))),
    path("dev/outbox/", demo_views.outbox, name="outbox"),
    path("dev/outbox/<str:name>", demo_views.outbox_message, name="outbox_message"),
    path("feeds/", include("undersigned.api.feed_urls")),
    path("", include("undersigned.operations.urls")),
    path("", include("undersigned.cosigners.urls")),
    path("", include("undersigned.publishing.urls")),
]

# A locked or unreachable database answers 503 with Retry-After, other errors the 500 page.
handler500 = "undersigned.operations.views.server_error"
