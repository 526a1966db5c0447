"""Pages of 50 rows (`?page_size=` up to 200), counted as the pages count (`portal.lists.CappedPaginator`)."""

from rest_framework.pagination import PageNumberPagination

from ..lists import CappedPaginator


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedPaginator
