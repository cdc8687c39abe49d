from django.contrib.auth import views as auth_views
from django.urls import include, path

from senco import views
from senco.access import public_view, signed_in_view
from senco.accounts import parent_views, sign_in_views
from senco.accounts import views as accounts_views
from senco.accounts.forms import SignInForm
from senco.pupils import contact_views
from senco.pupils import views as pupils_views
from senco.register import views as register_views
from senco.schools import views as schools_views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        public_view(
            auth_views.LoginView.as_view(
                template_name="registration/login.html",
                authentication_form=SignInForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("accounts/logout/", signed_in_view(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/password/", accounts_views.password_change, name="password_change"),
    path("accounts/", sign_in_views.account, name="account"),
    path("accounts/two-factor/", sign_in_views.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/set-up/", sign_in_views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/codes/", sign_in_views.two_factor_codes, name="two_factor_codes"),
    path(
        "accounts/two-factor/new-codes/",
        sign_in_views.recovery_codes_new,
        name="recovery_codes_new",
    ),
    path("accounts/two-factor/off/", sign_in_views.two_factor_off, name="two_factor_off"),
    path("accounts/password/reset/", sign_in_views.password_reset, name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        sign_in_views.password_reset_sent,
        name="password_reset_sent",
    ),
    path(
        "accounts/password/reset/done/",
        sign_in_views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<str:uidb64>/<str:token>/",
        sign_in_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("school/<str:urn>/settings/", views.school_settings, name="school_settings"),
    path("school/<str:urn>/register/", register_views.register, name="register"),
    path(
        "school/<str:urn>/register/parents-told/",
        register_views.register_parents_told_all,
        name="register_parents_told_all",
    ),
    path("school/<str:urn>/register.csv", register_views.register_export, name="register_export"),
    path("school/<str:urn>/summary/", register_views.register_summary, name="register_summary"),
    path("school/<str:urn>/staff/", accounts_views.staff_list, name="staff_list"),
    path("school/<str:urn>/staff/add/", accounts_views.staff_add, name="staff_add"),
    path(
        "school/<str:urn>/staff/<int:membership_id>/",
        accounts_views.staff_edit,
        name="staff_edit",
    ),
    path(
        "school/<str:urn>/staff/<int:membership_id>/unlock/",
        accounts_views.staff_unlock,
        name="staff_unlock",
    ),
    path(
        "school/<str:urn>/staff/<int:membership_id>/password/",
        accounts_views.staff_password,
        name="staff_password",
    ),
    path(
        "school/<str:urn>/staff/<int:membership_id>/two-factor/",
        sign_in_views.staff_two_factor_reset,
        name="staff_two_factor_reset",
    ),
    path("school/<str:urn>/sign-in/", sign_in_views.school_sign_in, name="school_sign_in"),
    path("school/<str:urn>/import/", include("senco.imports.urls")),
    path("school/<str:urn>/terms/", schools_views.term_dates, name="term_dates"),
    path("school/<str:urn>/closures/add/", schools_views.closure_add_view, name="closure_add"),
    path(
        "school/<str:urn>/closures/<int:closure_id>/remove/",
        schools_views.closure_remove_view,
        name="closure_remove",
    ),
    path("school/<str:urn>/contacts/", pupils_views.contact_list, name="contact_list"),
    path(
        "school/<str:urn>/contacts/pupils/<int:pupil_id>/add/",
        contact_views.contact_add,
        name="contact_add",
    ),
    path(
        "school/<str:urn>/contacts/<int:contact_id>/",
        contact_views.contact_change,
        name="contact_change",
    ),
    path(
        "school/<str:urn>/contacts/<int:contact_id>/remove/",
        contact_views.contact_remove,
        name="contact_remove",
    ),
    path(
        "school/<str:urn>/contacts/<int:contact_id>/invite/",
        parent_views.parent_invite,
        name="parent_invite",
    ),
    path(
        "school/<str:urn>/contacts/<int:contact_id>/stop-access/",
        parent_views.parent_access_stop,
        name="parent_access_stop",
    ),
    path("parent/join/<str:token>/", parent_views.parent_join, name="parent_join"),
    path("school/<str:urn>/groups/", pupils_views.group_list, name="group_list"),
    path("school/<str:urn>/groups/add/", pupils_views.group_add, name="group_add"),
    path("school/<str:urn>/groups/<int:group_id>/", pupils_views.group_detail, name="group_detail"),
    path(
        "school/<str:urn>/groups/<int:group_id>/pupils/",
        pupils_views.group_add_pupils,
        name="group_add_pupils",
    ),
    path(
        "school/<str:urn>/groups/<int:group_id>/pupils/<int:pupil_id>/remove/",
        pupils_views.group_remove_pupil,
        name="group_remove_pupil",
    ),
    path("pupils/<int:pk>/", pupils_views.pupil_detail, name="pupil_detail"),
    path("pupils/<int:pk>/audit/", pupils_views.pupil_audit, name="pupil_audit"),
    path("pupils/<int:pk>/audit.csv", pupils_views.pupil_audit_export, name="pupil_audit_export"),
    path("pupils/<int:pk>/support/", pupils_views.pupil_support_add, name="pupil_support_add"),
    path(
        "pupils/<int:pk>/support/<int:assignment_id>/remove/",
        pupils_views.pupil_support_remove,
        name="pupil_support_remove",
    ),
    path("pupils/<int:pk>/change/", register_views.register_change, name="register_change"),
    path(
        "pupils/<int:pk>/changes/<int:change_id>/parents-told/",
        register_views.register_parents_told,
        name="register_parents_told",
    ),
    path("trust/<int:trust_id>/", register_views.trust_summary, name="trust_summary"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("senco.operations.urls")),
    path("", include("senco.profiles.urls")),
    path("", include("senco.plans.urls")),
    path("", include("senco.ehcp.urls")),
    path("", include("senco.diary.urls")),
    path("", include("senco.provision.urls")),
    path("", include("senco.families.urls")),
    path("", include("senco.parents.urls")),
    path("", include("senco.letters.urls")),
    path("", include("senco.outcomes.urls")),
    path("", include("senco.year.urls")),
    path("", include("senco.strategy.urls")),
    path("", include("senco.reports.urls")),
]
