"""Pages anyone may open without signing in (namespace "public"): each view is throttled
(`portal.throttle`) and shows only what officers chose to publish."""

app_name = "public"

urlpatterns = []
