;; expect: requires an interface name with a canonical version
(component
  (import "a:b/c@1.0.0" (versionsuffix ".1") (instance))
)
