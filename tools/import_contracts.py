"""An import-linter contract type: a package may import from its host only the host's public API.

``public_api`` contracts (see ``[tool.importlinter]`` in pyproject.toml) check direct imports:
every module of ``source_modules`` may import from ``host`` only ``public_modules`` (and their
submodules) and modules of its own ``source_modules`` package; the host package itself
(``from parvis import x``) counts as private. Stock contracts cannot say "everything but", and
listing every core module in a ``forbidden`` contract would let a new core module slip through.
"""

from __future__ import annotations

from typing import Any

from importlinter import Contract, ContractCheck, fields, output


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


class PublicApiContract(Contract):
    type_name = "public_api"

    source_modules = fields.ListField(subfield=fields.StringField())
    host = fields.StringField()
    public_modules = fields.ListField(subfield=fields.StringField())
    broken_contract_guidance = fields.TextField(required=False)

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        sources: list[str] = list(self.source_modules)  # type: ignore[arg-type]
        public: list[str] = list(self.public_modules)  # type: ignore[arg-type]
        host: str = str(self.host)
        for name in sources:
            if name not in graph.modules:
                raise ValueError(f"Module '{name}' does not exist.")
        illegal = []
        for importer in sorted(graph.modules):
            if not any(_within(importer, s) for s in sources):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                if not _within(imported, host) or any(_within(imported, s) for s in sources):
                    continue
                if any(_within(imported, p) for p in public):
                    continue
                lines = sorted(
                    d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported)
                )
                illegal.append((importer, imported, lines))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(
            f"Imports of {self.host} that are not its public API ({', '.join(self.public_modules)}):",  # type: ignore[arg-type]
            bold=False,
        )
        output.new_line()
        for importer, imported, lines in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {imported} (l.{', '.join(map(str, lines))})", bold=False)
        output.new_line()
        if self.broken_contract_guidance:
            output.print(str(self.broken_contract_guidance))
