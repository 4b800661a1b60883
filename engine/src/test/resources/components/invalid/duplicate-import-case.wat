;; expect: duplicate import name "FOO" (conflicts with "foo")
(component
  (import "foo" (func))
  (import "FOO" (func))
)
