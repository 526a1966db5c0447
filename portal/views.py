from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import broker_state, database_state, worker_state
from .navigation import dashboard_panels_for


@login_required
def dashboard(request):
    return render(request, "portal/dashboard.html", {"panels": dashboard_panels_for(request.user)})


@never_cache
@require_GET
def healthz(request):
    database_ok, database = database_state()
    broker_ok, broker = broker_state()
    healthy = database_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "broker": broker,
            "worker_last_seen": worker_state() if database_ok else None,
        },
        status=200 if healthy else 503,
    )
