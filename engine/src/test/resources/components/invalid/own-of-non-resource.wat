;; expect: own handle must refer to a resource type, but type 0 is a value type
(component
  (type $u u32)
  (type (own $u))
)
