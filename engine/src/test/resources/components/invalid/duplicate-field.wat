;; expect: duplicate record field name "a"
(component
  (type (record (field "a" u8) (field "a" u16)))
)
