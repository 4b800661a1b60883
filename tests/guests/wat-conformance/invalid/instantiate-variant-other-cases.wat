;; spec: Explainer.md "Subtyping": a variant argument type must have the imported variant's cases
;; expect: instantiation argument "x"
(component
  (component $c
    (type $v (variant (case "a" u32) (case "b")))
    (import "v" (type $vi (eq $v)))
    (import "x" (func (result $vi))))
  (type $v1 (variant (case "a" u32) (case "c")))
  (import "v1" (type $v1i (eq $v1)))
  (import "f" (func $f (result $v1i)))
  (type $v2 (variant (case "a" u32) (case "b")))
  (import "v2" (type $v2i (eq $v2)))
  (instance (instantiate $c (with "v" (type $v2i)) (with "x" (func $f)))))
