from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from undersigned.access import views

# The namespace keeps its name: URLs such as accounts:sign_in are how other pages link here.
app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("notices/<int:notice_id>/", views.open_notice, name="notice"),
    path("notices/read/", views.read_all_notices, name="notices_read"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("link/<str:token>/", views.sign_in_link, name="link"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path(
        "invitations/<int:invitation_id>/accept/",
        views.accept_invitation,
        name="accept_invitation",
    ),
    path("request/", views.request_delegation, name="request"),
    path("preferences/", views.preferences, name="preferences"),
    path("password/", views.change_password, name="password_change"),
    path("address/", views.change_address, name="address_change"),
    path("address/<str:token>/", views.address_link, name="address_link"),
    path("address/undo/<str:token>/", views.address_undo, name="address_undo"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="access/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="access/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:sign_in"),
        ),
        name="password_reset_confirm",
    ),
]
