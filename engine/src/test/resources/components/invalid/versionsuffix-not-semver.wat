;; expect: is not valid semver
(component
  (import "a:b/c@1" (versionsuffix "..x") (instance))
)
