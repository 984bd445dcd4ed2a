from django.urls import path

from . import views

app_name = "kepu_review"
urlpatterns = [
    path("sign-off/<int:task_state_id>/", views.signoff_view, name="signoff"),
    path("sign-offs/", views.signoff_list, name="signoffs"),
    path("sign-offs/<int:signoff_id>/revoke/", views.revoke_view, name="revoke"),
    path("pages/<int:page_id>/withdraw/", views.withdraw_view, name="withdraw"),
    path("pages/<int:page_id>/lift-withdrawal/", views.lift_withdrawal_view, name="lift"),
    path("audit/", views.audit_view, name="audit"),
]
