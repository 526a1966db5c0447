from .directory import PersonFactory, UnitFactory, UserFactory

__all__ = ["PersonFactory", "UnitFactory", "UserFactory"]
