;; expect: outer alias count 3 exceeds the number of enclosing scopes
(component
  (component (alias outer 3 0 (type)))
)
