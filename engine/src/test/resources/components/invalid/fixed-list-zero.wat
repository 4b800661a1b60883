;; expect: fixed-size list length must be greater than 0
(component
  (type (list u8 0))
)
