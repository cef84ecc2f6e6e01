"""`sendocki-helper delivery-fees`: a fee file (French Excel CSV) sets the table, bad lines named."""

import subprocess

from tests.support import HELPER_BIN


def run(tmp_path, *arguments):
    return subprocess.run(
        [HELPER_BIN, "delivery-fees", *arguments, "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=False,
    )


def test_fee_file_sets_the_table_and_names_bad_lines(tmp_path):
    fees = tmp_path / "frais.csv"
    fees.write_text(
        "\ufeffVille;Frais\nCasa;20\nRabat;30,00\nالدار البيضاء;25\nAgadir;abc\nTroufion;40\n",
        encoding="utf-8",
    )
    result = run(tmp_path, str(fees), "--default-fee", "35", "--free-above", "500")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Casablanca: 20.00" in result.stdout and "Rabat: 30.00" in result.stdout
    assert "Troufion: 40.00" in result.stdout  # a city the table does not know is kept as typed
    assert "line 4, column ville: 'الدار البيضاء' is Casablanca, already on line 2" in result.stdout
    assert "line 5, column frais: 'abc' is not a price" in result.stdout
    shown = run(tmp_path)
    assert shown.returncode == 0
    assert "other cities: 35.00" in shown.stdout and "free from: 500.00" in shown.stdout
    assert "3 cities (from file)" in shown.stdout
    unchanged_table = run(tmp_path, "--free-above", "none")
    assert "free from: never" in unchanged_table.stdout and "3 cities" in unchanged_table.stdout
    assert "other cities: 35.00" in unchanged_table.stdout  # an option not given is kept
    assert run(tmp_path, "--default-fee", "-3").returncode == 2
    assert run(tmp_path, str(tmp_path / "missing.csv")).returncode == 2
