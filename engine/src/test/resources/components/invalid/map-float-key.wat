;; expect: map key type must be bool, an integer, char or string, but is f64
(component
  (type (map f64 string))
)
