;; expect: map key type must be bool, an integer, char or string, but is type 0, a record
(component
  (type $point (record (field "x" s32) (field "y" s32)))
  (type (map $point u32))
)
