"""Admin URLs of the publish report, mounted under /admin/kepu/publish/."""

from django.urls import path

from . import views

app_name = "kepu_publish"

urlpatterns = [
    path("", views.run_list, name="runs"),
    path("<int:run_id>/", views.run_detail, name="run"),
    path("now/", views.publish_now, name="publish_now"),
]
