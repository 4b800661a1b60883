;; expect: resource.drop type 0 is a value type, expected a resource type
(component
  (type $t (record (field "a" u8)))
  (core func (canon resource.drop $t))
)
