from django.urls import path

from . import views

app_name = "kepu_compliance"
urlpatterns = [path("pages/<int:page_id>/", views.page_findings, name="page")]
