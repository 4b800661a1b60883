;; expect: tuple type must have at least one element
(component
  (type (tuple))
)
