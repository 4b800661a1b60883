;; expect: enum type must have at least one case
(component
  (type (enum))
)
