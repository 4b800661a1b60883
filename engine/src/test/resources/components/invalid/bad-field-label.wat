;; expect: record field name "Not_Kebab" is not a kebab-case label
(component
  (type (record (field "Not_Kebab" u8)))
)
