import pytest

from tests.factories.awards import legal_parameters


@pytest.fixture
def parameters(db):
    legal_parameters()
