"""Who may see and sign an original: each Signable decides for its own document (its app's rules).

The rules are asked on a `Target` (the Signable and the object), as permissions by name:
`portal.view_original` (see the versions, download one) and `portal.sign_original` (sign with the
portal's key, prepare for a token, upload the signed copy).
"""

from typing import Any, NamedTuple

import rules


class Target(NamedTuple):
    signable: Any
    obj: Any


@rules.predicate
def may_view_original(user, target):
    return target is not None and bool(target.signable.can_view(user, target.obj))


@rules.predicate
def may_sign_original(user, target):
    return target is not None and bool(target.signable.can_sign(user, target.obj))


rules.add_perm("portal.view_original", may_view_original)
rules.add_perm("portal.sign_original", may_sign_original)
