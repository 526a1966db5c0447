from .movement import Movement, MovementDocument, MovementReview, ReviewHonouree
from .registration import Registration
from .target import ProgressEntry, Target

__all__ = [
    "Movement",
    "MovementDocument",
    "MovementReview",
    "ProgressEntry",
    "Registration",
    "ReviewHonouree",
    "Target",
]
