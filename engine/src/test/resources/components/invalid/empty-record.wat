;; expect: record type must have at least one field
(component
  (type (record))
)
