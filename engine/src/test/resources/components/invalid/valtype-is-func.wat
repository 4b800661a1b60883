;; expect: type 0 is a function type, not a value type
(component
  (type $f (func))
  (type (list $f))
)
