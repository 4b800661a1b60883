;; expect: duplicate import name "FOO" (not strongly-unique from "foo")
(component
  (import "foo" (func))
  (import "FOO" (func))
)
