;; expect: variant type must have at least one case
(component
  (type (variant))
)
