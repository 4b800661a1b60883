;; spec: Explainer.md "Type imports and exports" / wasm-tools: an import's type may only refer to resource types
;; imported before it, never to a resource the component defines itself (the importer cannot see it)
;; expect: resource
(component
  (type $r (resource (rep i32)))
  (import "make" (func (result (own $r)))))
