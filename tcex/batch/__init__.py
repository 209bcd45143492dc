"""tcex.batch"""
