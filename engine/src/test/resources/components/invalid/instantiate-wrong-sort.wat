;; expect: instantiation argument "f" is a type but component 0 imports a func
(component
  (component $c (import "f" (func)))
  (type $t u8)
  (instance (instantiate $c (with "f" (type $t))))
)
