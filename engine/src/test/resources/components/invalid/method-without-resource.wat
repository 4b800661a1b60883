;; expect: "[method]r.m" refers to resource "r" which is not a preceding resource import
(component
  (import "[method]r.m" (func))
)
