;; spec: Explainer.md "Subtyping": a record argument type must have the imported record's fields
;; expect: instantiation argument "x"
(component
  (component $c
    (type $r (record (field "a" u32) (field "b" u32)))
    (import "r" (type $ri (eq $r)))
    (import "x" (func (param "p" $ri))))
  (type $r1 (record (field "a" u32)))
  (import "r1" (type $r1i (eq $r1)))
  (import "f" (func $f (param "p" $r1i)))
  (type $r2 (record (field "a" u32) (field "b" u32)))
  (import "r2" (type $r2i (eq $r2)))
  (instance (instantiate $c (with "r" (type $r2i)) (with "x" (func $f)))))
