"""The one HDF5 reader of analysis/: every way a file can be wrong, and what it reads back."""
import h5py
import pytest

import h5files
from motcua_report import reader


def test_a_missing_file_is_bad_input_naming_the_path(tmp_path):
    with pytest.raises(reader.BadInput, match="missing.h5: no such file"):
        reader.open_file(str(tmp_path / "missing.h5"))


def test_a_folder_is_bad_input(tmp_path):
    with pytest.raises(reader.BadInput, match="is a folder"):
        reader.open_file(str(tmp_path))


def test_a_text_file_is_not_hdf5(tmp_path):
    p = tmp_path / "notes.h5"
    p.write_text("not a results file\n")
    with pytest.raises(reader.BadInput, match="not an HDF5 file"):
        reader.open_file(str(p))


def test_an_hdf5_file_without_motcua_attributes_is_foreign(tmp_path):
    p = tmp_path / "other.h5"
    with h5py.File(p, "w") as f:
        f.create_dataset("x", data=[1, 2, 3])
    with pytest.raises(reader.BadInput, match="not written by motcua"):
        reader.open_file(str(p))


def test_a_motcua_file_without_a_run_says_which_groups_it_found(tmp_path):
    p = tmp_path / "odd.h5"
    with h5py.File(p, "w") as f:
        f.attrs["program_version"] = "motcua 0.1.0"
        f.create_group("something")
    with reader.open_file(str(p)) as f, pytest.raises(reader.BadInput, match="groups found: something"):
        reader.base_results(f)


def test_tables_come_back_as_frames_with_decoded_strings(tmp_path):
    path = h5files.center_file(str(tmp_path / "c.h5"))
    with reader.open_file(path) as f:
        res = reader.base_results(f)
        assert res.attr("scenario_name") == "Phường Thử nghiệm"
        assert res.n_replications() == 2
        assert list(res.table("domains")["name"]) == [n for _, n in h5files.DOMAINS]
        assert res.summary().loc["arrived", "unit"] == "citizens"
        assert res.working_days().shape[0] == 2
        assert res.table("no_such_table") is None
        assert res.is_center_form()
        assert not res.has("systems")  # present but empty


def test_a_compare_file_is_read_through_its_base_variant(tmp_path):
    path = h5files.compare_file(str(tmp_path / "v.h5"),
                                [("fewer", "wait_mean", "lower", 10.0, -1.0, -2.0, -0.5, 1, 0, 0)])
    with reader.open_file(path) as f:
        assert reader.variants(f) == [("base", ""), ("fewer", "fewer.toml")]
        res = reader.base_results(f)
        assert res.prefix == "variant/base/" and res.label == "base"
        assert res.attr("seed") == 2025  # a root attribute, read through the variant
        comp = reader.comparison(f)
        assert list(comp["metric"]) == ["wait_mean"]


def test_a_national_file_is_read_with_its_own_tables_and_period(tmp_path):
    path = h5files.national_file(str(tmp_path / "n.h5"))
    with reader.open_file(path) as f:
        assert reader.is_national(f)
        res = reader.base_results(f)
        assert isinstance(res, reader.NationalResults)
        assert res.period() == (3, "2025-07-01", "2025-07-03")
        assert list(res.summary().index)[:2] == ["arrived", "served"]


def test_a_national_file_missing_a_table_names_it(tmp_path):
    path = h5files.national_file(str(tmp_path / "n.h5"))
    with h5py.File(path, "a") as f:
        del f["provinces"]
    with reader.open_file(path) as f, pytest.raises(reader.BadInput, match="/provinces"):
        reader.base_results(f)
