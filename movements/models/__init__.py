from .movement import Movement, MovementReview

__all__ = ["Movement", "MovementReview"]
