async def test_workspace_lists_the_cod_pipeline_new_first(helper):
    async with await helper.get("/v1/workspace") as answer:
        assert answer.status == 200
        body = await answer.json()
    assert next(s["name"] for s in body["stages"]) == "New"
    assert len(body["stages"]) == 10
    assert body["default_stage_id"] == body["stages"][0]["id"]
    assert body["demo"] is True  # the extension's popup tells the seller
